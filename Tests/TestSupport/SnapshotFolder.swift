import Foundation
import Testing

/// Golden text files: written when missing (and then reported) or when `SNAPSHOT_UPDATE=1`,
/// compared otherwise. Read the diff before committing a rewritten one.
public struct SnapshotFolder: Sendable {
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    public func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = path + "/" + name + ".txt"
        let update = ProcessInfo.processInfo.environment["SNAPSHOT_UPDATE"] == "1"
        if update || !FileManager.default.fileExists(atPath: file) {
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try! text.write(toFile: file, atomically: true, encoding: .utf8)
            if !update { Issue.record("new snapshot \(name) written — review it and run again", sourceLocation: sourceLocation) }
            return
        }
        let expected = try? String(contentsOfFile: file, encoding: .utf8)
        #expect(text == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
    }
}
