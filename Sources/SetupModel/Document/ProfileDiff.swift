/// What changed between two versions of a profile, field by field, in document paths.
/// History rows and `profile diff` show this; secrets are never part of it because the
/// trees compared are encoded without them.
public struct ProfileChange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    /// Compact JSON of the old value; nil when the field was added.
    public var before: String?
    /// nil when the field was removed.
    public var after: String?

    /// The catalog's labels of the changed setting, for people: "Chat responsible filter ›
    /// Responsible rule 1 › Responsible".
    public var label: String {
        guard let setting = SettingPath(parsing: path), SettingsCatalog.owner(of: setting) != nil else { return path }
        return SettingsCatalog.trail(of: setting)
    }

    /// The change as a person reads it: the label, the path for the exact place, the values.
    public var readable: String {
        let values: String =
            switch (before, after) {
            case (nil, let after?): tr("added \(after)", ru: "добавлено \(after)")
            case (let before?, nil): tr("removed (was \(before))", ru: "удалено (было \(before))")
            default: "\(before ?? "") → \(after ?? "")"
            }
        return label == path ? "\(path): \(values)" : "\(label) (\(path)): \(values)"
    }

    public var description: String {
        switch (before, after) {
        case (nil, let after?): tr("\(path): added \(after)", ru: "\(path): добавлено \(after)")
        case (let before?, nil): tr("\(path): removed (was \(before))", ru: "\(path): удалено (было \(before))")
        default: "\(path): \(before ?? "") → \(after ?? "")"
        }
    }
}

public enum ProfileDiff {
    public static func changes(from old: Profile, to new: Profile) -> [ProfileChange] {
        changes(from: old.jsonTree, to: new.jsonTree)
    }

    /// The same over JSON trees of profiles, for callers that hold the texts already.
    public static func changes(from old: JSONNode, to new: JSONNode) -> [ProfileChange] {
        var out: [ProfileChange] = []
        walk(old, new, path: "", into: &out)
        return out
    }

    private static func walk(_ a: JSONNode, _ b: JSONNode, path: String, into out: inout [ProfileChange]) {
        switch (a.value, b.value) {
        case (.object(let am), .object(let bm)):
            let keys = (am.map(\.key) + bm.map(\.key).filter { k in !am.contains { $0.key == k } })
            for key in keys {
                let sub = path.isEmpty ? key : "\(path).\(key)"
                switch (a.member(key), b.member(key)) {
                case (let x?, let y?): walk(x, y, path: sub, into: &out)
                case (let x?, nil): out.append(ProfileChange(path: sub, before: x.compactText, after: nil))
                case (nil, let y?): out.append(ProfileChange(path: sub, before: nil, after: y.compactText))
                case (nil, nil): break
                }
            }
        case (.array(let ai), .array(let bi)) where ai.count == bi.count:
            for (i, pair) in zip(ai, bi).enumerated() { walk(pair.0, pair.1, path: "\(path)[\(i)]", into: &out) }
        default:
            if a != b { out.append(ProfileChange(path: path, before: a.compactText, after: b.compactText)) }
        }
    }

    /// "chats.enabled, other.templates (+2 more)" — one line for history lists.
    public static func summary(_ changes: [ProfileChange], limit: Int = 3) -> String {
        if changes.isEmpty { return tr("no changes", ru: "без изменений") }
        let shown = changes.prefix(limit).map(\.path).joined(separator: ", ")
        return changes.count > limit
            ? tr("\(shown) (+\(changes.count - limit) more)", ru: "\(shown) (ещё +\(changes.count - limit))") : shown
    }
}

extension ProfileDiff {
    /// The profile's secrets, by document path. The compared trees leave them out, but that
    /// one changed is news for history and `diff` — told without the value.
    public static let secretPaths: [(path: String, value: @Sendable (Profile) -> String?)] = [
        (SettingPath.callGear.dataAPIKey.description, { $0.callGear.dataAPIKey?.value })
    ]

    /// What is shown instead of a secret's value.
    public static let hiddenValue = "(hidden)"
    public static let newHiddenValue = "(another value, hidden)"

    /// Secret changes between a stored document (JSON with secrets) and a new profile.
    public static func secretChanges(from old: JSONNode, to new: Profile) -> [ProfileChange] {
        secretPaths.compactMap { path, value in
            var node: JSONNode? = old
            for key in path.split(separator: ".") { node = node?.member(String(key)) }
            let before: String? = if case .string(let text)? = node?.value, !text.isEmpty { text } else { nil }
            return secretChange(path: path, before: before, after: value(new))
        }
    }

    static func secretChange(path: String, before: String?, after: String?) -> ProfileChange? {
        switch (before, after) {
        case (nil, nil): nil
        case (nil, _?): ProfileChange(path: path, before: nil, after: hiddenValue)
        case (_?, nil): ProfileChange(path: path, before: hiddenValue, after: nil)
        case (let b?, let a?): b == a ? nil : ProfileChange(path: path, before: hiddenValue, after: newHiddenValue)
        }
    }

    /// Several recorded changes of one secret as one (first state → last state).
    public static func mergingSecretChanges(_ recorded: [ProfileChange]) -> [ProfileChange] {
        secretPaths.compactMap { path, _ in
            let mine = recorded.filter { $0.path == path }
            guard let first = mine.first, let last = mine.last else { return nil }
            if first.before != nil, last.after != nil {
                return ProfileChange(path: path, before: hiddenValue, after: newHiddenValue)
            }
            return secretChange(path: path, before: first.before, after: last.after)
        }
    }
}
