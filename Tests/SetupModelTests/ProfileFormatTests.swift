import Foundation
import SetupModel
import Testing

/// Every format ever written keeps loading: a key a document lacks takes the catalog's
/// default, each version is upgraded step by step, and unknown keys stay errors.
struct ProfileFormatTests {
    static func tree(_ profile: Profile) throws -> JSONNode { profile.jsonTree }

    static func removing(_ path: [String], from node: JSONNode) -> JSONNode {
        guard let first = path.first, case .object(var members) = node.value else { return node }
        if path.count == 1 {
            members.removeAll { $0.key == first }
        } else if let i = members.firstIndex(where: { $0.key == first }) {
            members[i].value = removing(Array(path.dropFirst()), from: members[i].value)
        }
        var copy = node
        copy.value = .object(members)
        return copy
    }

    /// Each non-optional setting left out of a stored document loads as the catalog's default.
    @Test func aMissingKeyTakesTheCatalogsDefault() throws {
        let full = SettingsCatalogTests.fullyFilled
        let entries = SettingsCatalog.entries.filter {
            !$0.pattern.steps.contains(.anyIndex) && !SettingPath.AccountForm.base.contains($0.pattern)
                && $0.pattern != .name && $0.pattern != .region
        }
        var checked = 0
        for entry in entries {
            let keys = entry.pattern.steps.compactMap { step -> String? in
                if case .key(let k) = step { return k }
                return nil
            }
            let pruned = Self.removing(keys, from: try Self.tree(full))
            let profile = try ProfileFormat.profile(pruned, version: 1)
            let value = entry.value(in: profile, at: entry.pattern)
            // Optional values (a responsible, a stage, the Data API address) are absent when unset.
            switch value {
            case .reference(nil), .text(""),
                .choice("to_deals") where entry.kind != .toggle:
                break
            default: #expect(value == entry.defaultValue, "\(entry.pattern)")
            }
            checked += 1
        }
        #expect(checked > 20)
        // An absent comment priority stays none: it is optional, not defaulted.
        let noPriority = Self.removing(["chats", "commentPriority"], from: try Self.tree(full))
        #expect(try ProfileFormat.profile(noPriority, version: 1).chats.commentPriority == nil)
    }

    @Test func theIdentityAndUnknownKeysStayErrors() throws {
        let full = try Self.tree(SettingsCatalogTests.fullyFilled)
        #expect(throws: DocumentError.self) { try ProfileFormat.profile(Self.removing(["name"], from: full), version: 1) }
        #expect(throws: DocumentError.self) { try ProfileFormat.profile(Self.removing(["region"], from: full), version: 1) }
        guard case .object(var members) = full.value else { return }
        members.append(("enabeld", JSONNode(.bool(true))))
        #expect(throws: DocumentError.self) { try ProfileFormat.profile(JSONNode(.object(members)), version: 1) }
    }

    /// The upgrade chain runs each step from the written version: a made-up format 2 that
    /// renamed `addToClosed` reads a version-1 document through its upgrader.
    @Test func upgradersRunFromTheWrittenVersion() throws {
        var profile = SettingsCatalogTests.fullyFilled
        profile.other.addToClosed = true
        let v1 = try Self.tree(profile)
        let rename: ProfileFormat.Upgrader = { (tree: inout JSONNode) throws(DocumentError) in
            guard case .object(var members) = tree.value, let o = members.firstIndex(where: { $0.key == "other" }),
                case .object(var other) = members[o].value.value, let i = other.firstIndex(where: { $0.key == "addToClosed" })
            else { throw DocumentError(path: "$.other", message: "no addToClosed") }
            other[i].key = "writeToClosed"
            members[o].value = JSONNode(JSONNode.Value.object(other))
            tree.value = .object(members)
        }
        let v2 = try ProfileFormat.current(v1, version: 1, upgraders: [1: rename], targetVersion: 2)
        #expect(v2.member("other")?.member("writeToClosed") != nil && v2.member("other")?.member("addToClosed") != nil)
        // A missing step, a newer version and version 0 are errors that say so.
        #expect(throws: DocumentError.self) { try ProfileFormat.current(v1, version: 1, upgraders: [:], targetVersion: 2) }
        do {
            _ = try ProfileFormat.current(v1, version: 3)
            Issue.record("a newer format was read")
        } catch {
            #expect(error.description.contains("newer callgear-setup"))
        }
        #expect(throws: DocumentError.self) { try ProfileFormat.current(v1, version: 0) }
    }

    /// An exported document without a setting added since it was written imports.
    @Test func anOlderDocumentWithoutASettingImports() throws {
        let text = ProfileDocument(profile: SettingsCatalogTests.fullyFilled).encoded()
        let older = text.replacingOccurrences(of: "\"addToClosed\" : true,\n", with: "")
        #expect(older != text)
        let document = try ProfileDocument.decode(older)
        #expect(document.profile.other.addToClosed == false)
    }
}
