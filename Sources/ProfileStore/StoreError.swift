import Foundation
import SetupModel

/// Everything that can go wrong with the store, each with a message that says what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case notAStore(path: String)
    case newerStore(path: String)
    case database(String)
    case profileNotFound(String)
    case profileExists(String)
    case accountNotFound(String)
    case accountExists(String)
    case accountInUse(domain: String, profiles: [String])
    case conflict(profile: String, expected: Int, current: Int, savedBy: String, savedAt: String)
    case corrupt(String)
    /// The disk (file system) holding the store has no room left.
    case diskFull(path: String)
    /// The store opens for reading only.
    case readOnly(path: String, reason: String)
    /// "Integration is active" is on but the profile has errors: an active profile must be
    /// valid, whoever saves it.
    case invalidActive(profile: String, problems: [ValidationProblem])

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            "cannot create the store at \(path): \(reason) — choose a writable place with --store PATH"
        case .notAStore(let path):
            "\(path) is not a callgear-setup store (it is not an SQLite database) — move it away or point --store elsewhere"
        case .newerStore(let path):
            "\(path) was written by a newer callgear-setup — upgrade callgear-setup to use it"
        case .database(let message):
            "store error: \(message)"
        case .profileNotFound(let name):
            "no profile named '\(name)' — 'profile list' shows the names"
        case .profileExists(let name):
            "a profile named '\(name)' exists already — choose another name or replace it"
        case .accountNotFound(let domain):
            "no account '\(domain)' — 'account list' shows the accounts"
        case .accountExists(let domain):
            "an account for \(domain) exists already — edit it instead"
        case .accountInUse(let domain, let profiles):
            "the account \(domain) is used by \(profiles.count == 1 ? "profile" : "profiles") \(profiles.map { "'\($0)'" }.joined(separator: ", ")) — delete or move \(profiles.count == 1 ? "it" : "them") first, or confirm deleting \(profiles.count == 1 ? "it" : "them") too"
        case .conflict(let profile, let expected, let current, let savedBy, let savedAt):
            "profile '\(profile)' was saved by \(savedBy) at \(savedAt) (version \(current)) after you opened version \(expected) — nothing was overwritten; reload it, or overwrite knowingly"
        case .corrupt(let message):
            "the store holds a damaged record: \(message)"
        case .diskFull(let path):
            "the disk holding \(path) is full — free some space on it (df -h \((path as NSString).deletingLastPathComponent)); nothing was changed"
        case .invalidActive(let profile, let problems):
            "profile '\(profile)' is marked active but has \(problems.count) error\(problems.count == 1 ? "" : "s") — first: \(SettingsCatalog.trail(of: problems[0].path)) (\(problems[0].path)): \(problems[0].message); fix them or switch \"Integration is active\" off; nothing was saved"
        case .readOnly(let path, let reason):
            "\(path) is read-only (\(reason)): reading works, saving does not — make it writable, or copy it elsewhere and use --store"
        }
    }
}
