import SwiftWrapCore
import SwiftWrapRecords

/// Checks a stubgen run makes before it acts.
extension StubGenerator {
    /// Fails, before anything is created, read from the database or deleted, when a given stamp
    /// records another database directory than `--database-dir` (its wrapgen runs wrote their rows
    /// elsewhere: a repair here would empty a new database and rerun them against the old one). A
    /// missing directory that the stamps do record is a lost database: the run repairs it. The first
    /// stamp that reads is asked (the stamps of one stubgen step come from one configuration, and
    /// parsing costs ~1 ms a stamp on every run); the repair checks every stamp it reruns, so a stamp
    /// that records yet another directory is refused before anything runs.
    static func checkDatabaseDirectory(_ request: StubRequest) throws(StubError) {
        guard let parser = request.parseWrapgenArguments else { return }
        for path in request.stamps where FileSystem.exists(path) {
            guard let stamped = try? StampedModule.read(path) else { continue }
            do {
                _ = try stamped.checkedArguments(owner: request.owner, databaseDirectory: request.databaseDirectory, parser: parser)
                return
            } catch {
                if case .otherDatabase = error { throw error }
            }
        }
    }

    /// Fails when two records of the package have the same Python name (necessarily in two
    /// submodules: keys are `<name>.<submodule>`): `from .<submodule> import *` in `__init__.py`
    /// keeps one class under that name while both stubs declare it.
    static func checkPythonNames(_ records: [ClassRecord]) throws(StubError) {
        var seen: [String: ClassRecord] = [:]
        for record in records {
            guard let first = seen[record.pythonName] else {
                seen[record.pythonName] = record
                continue
            }
            func place(_ r: ClassRecord) -> String {
                "\(r.cppType) in submodule \(r.submodule) of module \(r.module) (\(r.file):\(r.line))"
            }
            throw .pythonNameClash(name: record.pythonName, first: place(first), second: place(record))
        }
    }
}
