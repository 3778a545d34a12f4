import Foundation
import TerminalUI
import TestSupport
import Testing

/// Golden text snapshots under Tests/TerminalUITests/Snapshots; `SNAPSHOT_UPDATE=1 swift test`
/// rewrites them (then read the diff before committing).
enum Snapshot {
    static let folder = SnapshotFolder(
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").path)

    static func assert(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var text = buffer.snapshot + "\n"
        if let cursor = buffer.cursor { text += "cursor \(cursor.x),\(cursor.y)\n" }
        folder.assert(text, named: name, sourceLocation: sourceLocation)
    }
}
