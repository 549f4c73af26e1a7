import SwiftWrapCore

/// castxml-cache's settings table: every tunable of the cache is a case here, with its
/// environment variable, its flag, its default and its documentation (docs/configuration.md
/// lists exactly these rows; a test keeps the two in step). The mechanism (precedence, origins,
/// value checking) is SwiftWrapCore's `Settings`.
public enum CacheSetting: String, SettingKey {
    case cacheDir
    case cacheDisable
    case cacheMode
    case cacheBaseDir
    case cacheTouch
    case cacheCompression
    case cacheLog
    case cacheSourceDir
    case cacheBuildDir
    case cacheMaxSize
    case cacheRemote
    case cacheRemoteReadOnly
    case cacheRemoteToken
    case cacheRemoteTokenFile
    case cacheRemoteCAFile
    case cacheRemoteTimeout

    public var definition: SettingDefinition {
        switch self {
        case .cacheDir:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_DIR", aliases: ["ITK_WRAP_CACHE"], flag: "--cache-dir", kind: .path,
                                     fixedDefault: nil,
                                     summary: "Cache directory. Default: $XDG_CACHE_HOME/swiftwrap, else ~/.cache/swiftwrap.")
        case .cacheDisable:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_DISABLE", aliases: ["ITK_WRAP_CACHE_BYPASS"], flag: "--no-cache", kind: .bool,
                                     fixedDefault: "0", summary: "Run castxml directly, neither reading nor writing the cache.")
        case .cacheMode:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_MODE", flag: "--cache-mode",
                                     kind: .choice(["depend", "preprocessor"]), fixedDefault: "depend",
                                     summary: "On a direct miss: `depend` takes dependencies from castxml's own -MD output; `preprocessor` first runs `castxml -E` and tries an object keyed by the preprocessed text.")
        case .cacheBaseDir:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_BASE_DIR", flag: "--base-dir", kind: .path,
                                     fixedDefault: nil,
                                     summary: "Absolute paths below this directory are keyed, stored and restored relative to the working directory, so other checkouts and sibling build trees share entries. Unset: no relocation.")
        case .cacheTouch:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_TOUCH", flag: "--touch", kind: .bool,
                                     fixedDefault: "0",
                                     summary: "Refresh the mtime of an output that already holds the right bytes (for generators without restat). Default: leave it alone.")
        case .cacheCompression:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_COMPRESSION", flag: "--compression",
                                     kind: .choice(["lz4", "zstd", "none"]), fixedDefault: "lz4",
                                     summary: "How new cache objects are stored: lz4 (fast to restore), zstd level 1 (smallest), or raw bytes. Objects of any kind are always readable.")
        case .cacheLog:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_LOG", flag: "--log", kind: .path,
                                     fixedDefault: nil,
                                     summary: "Append one record per invocation to this file: keys, hit level or miss, and why a miss missed.")
        case .cacheSourceDir:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_SOURCE_DIR", flag: "--source-dir", kind: .path,
                                     fixedDefault: nil,
                                     summary: "Relocation anchor: absolute paths below this directory (the source tree) are keyed, stored and restored relative to it, so build trees at any depth share entries. Unset: no source anchor.")
        case .cacheBuildDir:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_BUILD_DIR", flag: "--build-dir", kind: .path,
                                     fixedDefault: nil,
                                     summary: "Relocation anchor: absolute paths below this directory (the build tree) are keyed, stored and restored relative to it. Unset: no build anchor.")
        case .cacheMaxSize:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_MAX_SIZE", aliases: ["ITK_WRAP_CACHE_MAX_SIZE"], flag: "--max-size", kind: .size,
                                     fixedDefault: "5G",
                                     summary: "Size cap of the primary cache root (disk usage, files rounded up to 4 KiB); least recently used entries are evicted to stay under it. k/M/G/T are powers of 1000, Ki/Mi/Gi/Ti of 1024, a bare number is GB; 0 means no limit. Given (or -M) without a castxml command, it is saved in the root's configuration file.",
                                     fileKey: "max_size")
        case .cacheRemote:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_REMOTE", flag: "--remote", kind: .url(["http", "https"]),
                                     fixedDefault: nil,
                                     summary: "Shared remote cache, http://host[:port][/prefix] or https://…: on a local miss the entry is looked up there, and stores upload (docs/remote-cache.md). No user information in the URL: use a token. Unset: no remote.",
                                     fileKey: "remote")
        case .cacheRemoteReadOnly:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_REMOTE_READONLY", flag: "--remote-readonly", kind: .bool,
                                     fixedDefault: "0",
                                     summary: "Use the remote cache for lookups only, never upload (untrusted builds such as pull requests).",
                                     fileKey: "remote_readonly")
        case .cacheRemoteToken:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_REMOTE_TOKEN", flag: nil, kind: .path,
                                     fixedDefault: nil,
                                     summary: "Bearer token sent to the remote cache (Authorization: Bearer). Never printed: --show-config shows (set).")
        case .cacheRemoteTokenFile:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_REMOTE_TOKEN_FILE", flag: "--remote-token-file", kind: .path,
                                     fixedDefault: nil,
                                     summary: "File whose first line is the bearer token (read on a local miss only; SWIFTWRAP_CACHE_REMOTE_TOKEN wins).",
                                     fileKey: "remote_token_file")
        case .cacheRemoteCAFile:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_REMOTE_CA_FILE", flag: "--remote-ca-file", kind: .path,
                                     fixedDefault: nil,
                                     summary: "PEM file of CA certificates for an https:// remote cache (internal TLS). Unset: the system's.",
                                     fileKey: "remote_ca_file")
        case .cacheRemoteTimeout:
            return SettingDefinition(environmentVariable: "SWIFTWRAP_CACHE_REMOTE_TIMEOUT", flag: "--remote-timeout", kind: .count,
                                     fixedDefault: "1000",
                                     summary: "Milliseconds one request to the remote cache may take (connecting: at most 500 of them). A server that does not answer in time is skipped by every call for 60 s.",
                                     fileKey: "remote_timeout")
        }
    }

    /// The default value, which for the cache directory depends on the environment.
    public func defaultValue(environment: (String) -> String?) -> String? {
        switch self {
        case .cacheDir:
            if let xdg = environment("XDG_CACHE_HOME"), !xdg.isEmpty { return xdg + "/swiftwrap" }
            if let home = environment("HOME"), !home.isEmpty { return home + "/.cache/swiftwrap" }
            return nil
        default:
            return definition.fixedDefault
        }
    }
}

/// castxml-cache's resolved settings.
public typealias CacheSettings = Settings<CacheSetting>
