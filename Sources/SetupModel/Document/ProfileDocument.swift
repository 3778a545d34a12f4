import Foundation

/// The file format for one profile with its account: versioned, keys in a stable (sorted)
/// order so that export → import → export gives the same bytes, secrets left out unless
/// asked for. Reading checks format and version before anything else, so a file from a
/// newer callgear-setup is refused instead of half-understood.
public struct ProfileDocument: Equatable, Sendable {
    public static let format = "callgear-setup/profile"
    /// The profile inside follows `ProfileFormat`; the envelope has no format of its own.
    public static var currentVersion: Int { ProfileFormat.currentVersion }

    public var profile: Profile
    public var account: Account?

    public init(profile: Profile, account: Account? = nil) {
        self.profile = profile
        self.account = account
    }

    private struct Envelope: Codable {
        var format: String
        var formatVersion: Int
        var profile: Profile
        var account: Account?
    }

    public func encoded(includeSecrets: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.includeSecrets] = includeSecrets
        let envelope = Envelope(
            format: Self.format, formatVersion: Self.currentVersion, profile: profile, account: account)
        // Every value in the model encodes; a failure here is a programming error.
        let data = try! encoder.encode(envelope)
        return PrettyJSON.compactEmptyCollections(String(decoding: data, as: UTF8.self)) + "\n"
    }

    public static func decode(_ text: String) throws(DocumentError) -> ProfileDocument {
        try decode(Array(text.utf8))
    }

    public static func decode(_ bytes: [UInt8]) throws(DocumentError) -> ProfileDocument {
        try DocumentError.checkSize(bytes.count, limit: InputLimits.profileDocumentBytes, what: "profile document")
        let root = try DocumentError.parseObject(bytes)
        guard let format = root.member("format") else {
            throw DocumentError(
                path: "$", line: 1,
                message: tr(
                    "not a callgear-setup profile: the 'format' field is missing (expected \"\(Self.format)\")",
                    ru: "не профиль callgear-setup: нет поля 'format' (ожидалось \"\(Self.format)\")"))
        }
        guard case .string(let name) = format.value, name == Self.format else {
            throw DocumentError(
                path: "$.format", line: format.line, column: format.column,
                message: tr(
                    "not a callgear-setup profile: format is \(format.compactText), expected \"\(Self.format)\"",
                    ru: "не профиль callgear-setup: format = \(format.compactText), ожидалось \"\(Self.format)\""))
        }
        guard let versionNode = root.member("formatVersion"), case .number(let text) = versionNode.value,
            let version = Int(text)
        else {
            throw DocumentError(
                path: "$.formatVersion", line: root.member("formatVersion")?.line,
                message: tr("formatVersion must be a whole number", ru: "formatVersion должен быть целым числом")
            )
        }
        if version > currentVersion {
            throw DocumentError(
                path: "$.formatVersion", line: versionNode.line, column: versionNode.column,
                message:
                    tr(
                        "written by a newer callgear-setup (format version \(version)); this one reads up to \(currentVersion) — upgrade callgear-setup",
                        ru:
                            "записано более новой версией callgear-setup (версия формата \(version)); эта читает до \(currentVersion) — обновите callgear-setup"
                    )
            )
        }
        if version < 1 {
            throw DocumentError(
                path: "$.formatVersion", line: versionNode.line, column: versionNode.column,
                message: tr("format version \(version) does not exist", ru: "версии формата \(version) не существует"))
        }
        // The profile as the current format: upgraded from its version, missing keys defaulted.
        var current = root
        if case .object(var members) = root.value, let i = members.firstIndex(where: { $0.key == "profile" }) {
            members[i].value = try ProfileFormat.current(members[i].value, version: version)
            current.value = .object(members)
        }
        let envelope = try StrictDecoder.decode(Envelope.self, from: current)
        if let account = envelope.account, account.domain.description != envelope.profile.account {
            let node = root.member("profile")?.member("account")
            throw DocumentError(
                path: "$.profile.account", line: node?.line, column: node?.column,
                message: tr(
                    "the profile names account '\(envelope.profile.account)' but the file's account is '\(account.domain)'",
                    ru: "в профиле указан аккаунт '\(envelope.profile.account)', а в файле — '\(account.domain)'"))
        }
        return ProfileDocument(profile: envelope.profile, account: envelope.account)
    }
}

extension Profile {
    /// The profile alone as a JSON tree (no secrets), for diffs and history.
    public var jsonTree: JSONNode {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try! encoder.encode(self)
        return try! JSONParser.parse(Array(data))
    }
}
