/// How a profile's JSON changes between releases, for every place it is kept (exported
/// documents, the store's rows, drafts, history). Reading takes the version the JSON was
/// written in, runs each upgrader from there to the current version, fills keys a document
/// lacks with the catalog's defaults (a new setting must not make old data unreadable), then
/// decodes strictly: an unknown key is still an error.
public enum ProfileFormat {
    /// The version written now. Raise it, and add an upgrader from the previous one, whenever
    /// a key is renamed, moved or changes meaning; an added setting needs no upgrader (its
    /// default fills it in).
    public static let currentVersion = 1

    /// One step: the JSON of version `n` made into version `n + 1`.
    public typealias Upgrader = @Sendable (inout JSONNode) throws(DocumentError) -> Void

    /// Version n → the step to n + 1. None yet: version 1 is the only format written.
    public static let upgraders: [Int: Upgrader] = [:]

    /// The profile's JSON of `version` as the current format, defaults filled in.
    public static func current(
        _ tree: JSONNode, version: Int, upgraders: [Int: Upgrader] = upgraders, targetVersion: Int = currentVersion
    ) throws(DocumentError) -> JSONNode {
        if version > targetVersion {
            throw DocumentError(
                path: "$.formatVersion", line: tree.line,
                message:
                    tr(
                        "written by a newer callgear-setup (format version \(version)); this one reads up to \(targetVersion) — upgrade callgear-setup",
                        ru:
                            "записано более новой версией callgear-setup (версия формата \(version)); эта читает до \(targetVersion) — обновите callgear-setup"
                    )
            )
        }
        guard version >= 1 else {
            throw DocumentError(
                path: "$.formatVersion",
                message: tr("format version \(version) does not exist", ru: "версии формата \(version) не существует"))
        }
        var upgraded = tree
        for step in version..<targetVersion {
            guard let upgrade = upgraders[step] else {
                throw DocumentError(
                    path: "$",
                    message: tr(
                        "no upgrade from format version \(step) to \(step + 1)",
                        ru: "нет перехода с версии формата \(step) на \(step + 1)"))
            }
            try upgrade(&upgraded)
        }
        return filled(upgraded, with: defaultsTree)
    }

    /// Decodes a profile of any known version.
    public static func profile(_ tree: JSONNode, version: Int) throws(DocumentError) -> Profile {
        try StrictDecoder.decode(Profile.self, from: current(tree, version: version))
    }

    /// What a missing key becomes: the catalog's defaults (a new profile), minus what has none.
    /// The name and the region identify a profile and stay required; optional values are
    /// absent when unset, so they are never filled (an absent comment priority is "none").
    static let defaultsTree: JSONNode = {
        var profile = SettingsCatalog.defaultProfile
        profile.chats.commentPriority = nil
        profile.offline.commentPriority = nil
        guard case .object(let members) = profile.jsonTree.value else { return profile.jsonTree }
        return JSONNode(.object(members.filter { $0.key != "name" && $0.key != "region" }))
    }()

    /// `node` with every object member it lacks taken from `defaults`, recursively. Lists
    /// are left as they are: their entries have no defaults to speak of.
    static func filled(_ node: JSONNode, with defaults: JSONNode) -> JSONNode {
        guard case .object(var members) = node.value, case .object(let wanted) = defaults.value else { return node }
        for (key, fallback) in wanted {
            if let i = members.firstIndex(where: { $0.key == key }) {
                members[i].value = filled(members[i].value, with: fallback)
            } else {
                members.append((key, fallback))
            }
        }
        var result = node
        result.value = .object(members)
        return result
    }
}
