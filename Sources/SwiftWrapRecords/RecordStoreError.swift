/// A record database that cannot be used. Names the database file and what SQLite said.
public struct RecordStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32
    public let message: String

    public init(path: String, operation: String, code: Int32, message: String) {
        self.path = path
        self.operation = operation
        self.code = code
        self.message = message
    }

    public var description: String {
        "record database '\(path)': cannot \(operation): \(message) (SQLite code \(code))"
    }
}
