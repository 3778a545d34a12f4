/// The largest inputs callgear-setup reads from outside. A limit turns a hostile or broken
/// file (a gigabyte of JSON, a million keys) into a clear refusal in a moment, instead of a
/// command or a console that hangs; each is far above anything real (a profile with 2×70
/// rules and 30 mappings is 84 KB).
public enum InputLimits {
    /// A profile document (`profile import`, `validate --file`).
    public static let profileDocumentBytes = 4 << 20
    /// An event file (`simulate --event`).
    public static let eventBytes = 1 << 20
    /// A small credentials file (`--oauth-file`).
    public static let credentialsBytes = 64 << 10

    /// "4 MiB", "64 KiB", "512 bytes".
    public static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return tr("\(bytes) bytes", ru: "\(bytes) байт")
    }
}

extension DocumentError {
    /// Refuses input over `limit` before it is parsed.
    public static func checkSize(_ count: Int, limit: Int, what: String) throws(DocumentError) {
        guard count > limit else { return }
        throw DocumentError(
            path: "$",
            message:
                tr(
                    "the \(what) is \(InputLimits.sizeText(count)) (\(count) bytes); at most \(InputLimits.sizeText(limit)) is read — is this the right file?",
                    ru:
                        "размер (\(what)) — \(InputLimits.sizeText(count)) (\(count) байт); читается не больше \(InputLimits.sizeText(limit)) — это тот файл?"
                )
        )
    }
}
