/// The package version, shared by every tool and by the CMake package files.
public enum SwiftWrapVersion {
    public static let string = "0.1.0"
}
