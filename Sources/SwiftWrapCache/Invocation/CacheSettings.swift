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
