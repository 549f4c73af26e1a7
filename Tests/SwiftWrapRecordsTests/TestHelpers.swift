import SwiftWrapTestSupport

/// Record data layer tests use the shared temporary directory helper.
typealias Scratch = TemporaryDirectory
