import SwiftWrapTestSupport

/// stubgen library tests use the shared temporary directory helper.
typealias Scratch = TemporaryDirectory

/// The committed castxml output the reader and analysis tests read.
let fixture = repositoryRoot() + "/Tests/Fixtures/castxml/Points.xml"
