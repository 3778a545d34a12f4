// A test helper, not part of the product: saves one profile over and over so that a test
// can SIGKILL it in the middle of a transaction and check that the store holds either the
// old or the new version, never a mix. Every save stamps its version number into many
// fields of the profile, so a torn write would be visible.
import Foundation
import ProfileStore
import SetupModel

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: StoreWriter STORE PROFILE COUNT\n".utf8))
    exit(2)
}
do {
    let store = try ProfileStore(path: arguments[1])
    let author = Author(user: "store-writer")
    for _ in 0..<count {
        let stored = try store.loadProfile(named: arguments[2])
        let next = stored.version + 1
        var profile = stored.profile
        profile.other.templates = (0..<40).map { i in
            NameTemplate(
                eventType: i.isMultiple(of: 2) ? .chat : .offline,
                text: "v\(next) {{visitor_name}} \(String(repeating: "x", count: 200))")
        }
        profile.chats.responsibleRules = (0..<(next % 7 + 1)).map { _ in
            ResponsibleRule(
                condition: Condition(anyOf: [ConditionGroup(allOf: [Clause(.site, .allow, ["v\(next)"])])]),
                responsible: "\(next)")
        }
        profile.chats.defaultResponsible = "\(next)"
        try store.saveProfile(profile, expectedVersion: stored.version, author: author)
        FileHandle.standardOutput.write(Data("\(next)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
