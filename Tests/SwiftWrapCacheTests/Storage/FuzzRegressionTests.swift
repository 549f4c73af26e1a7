import SwiftWrapTestSupport
import Testing
import SwiftWrapCache

/// Inputs the fuzz targets of Fuzz/ (scripts/fuzz.sh) found, kept as fixtures in Tests/Fixtures/fuzz.
@Suite struct CacheFuzzRegressionTests {
    /// FuzzObject: an object whose header and streams check out but whose lz4 XML stream does not decode
    /// was reported as a `compression` error ("Destination buffer is too small") that named no file;
    /// damage in a stored object is `corruptEntry` naming the object.
    @Test func undecodableObjectIsACorruptEntryNamingTheFile() {
        let path = repositoryRoot() + "/Tests/Fixtures/fuzz/object-undecodable-lz4.obj"
        #expect {
            _ = try StoredFileCheck.object(path: path)
        } throws: { error in
            guard case CacheError.corruptEntry(let named, _) = error else { return false }
            return named == path
        }
    }
}
