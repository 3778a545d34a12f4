import Foundation

/// The address of one Bitrix24 portal, normalised to scheme + host (+ port).
///
/// Operators paste whatever their browser shows (`https://x.bitrix24.ru/`, `x.bitrix24.ru`,
/// `http://crm.example.com:8080`); everything else — paths, logins, queries — is refused
/// with a message, because a wrong portal address silently sends data elsewhere.
public struct PortalDomain: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let scheme: String
    public let host: String
    public let port: Int?

    public init(parsing input: String) throws(InputError) {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            throw InputError("the portal domain is empty — type it like https://yourportal.bitrix24.ru")
        }
        var scheme = "https"
        if let range = text.range(of: "://") {
            scheme = text[..<range.lowerBound].lowercased()
            text = String(text[range.upperBound...])
            guard scheme == "https" || scheme == "http" else {
                throw InputError(
                    "'\(scheme)://' is not a web address — the portal domain starts with https:// (or http:// for a self-hosted portal)"
                )
            }
        }
        if let at = text.firstIndex(of: "@"), text[..<at].firstIndex(of: "/") == nil {
            throw InputError("the portal domain must not contain a login ('…@') — give only the address")
        }
        var hostPort = text
        var rest = ""
        if let cut = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            hostPort = String(text[..<cut])
            rest = String(text[cut...])
        }
        if !rest.isEmpty && rest != "/" {
            throw InputError(
                "the portal domain has extra parts '\(rest)' — give only the address, like https://\(hostPort.isEmpty ? "yourportal.bitrix24.ru" : hostPort)"
            )
        }
        var host = hostPort
        var port: Int? = nil
        if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            let portText = hostPort[hostPort.index(after: colon)...]
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw InputError("the port '\(portText)' is not a number from 1 to 65535")
            }
            port = number
        }
        host = host.lowercased()
        try Self.checkHost(host)
        if port == 443 && scheme == "https" || port == 80 && scheme == "http" {
            port = nil
        }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    private static func checkHost(_ host: String) throws(InputError) {
        if host.isEmpty {
            throw InputError("the portal domain has no host name — type it like https://yourportal.bitrix24.ru")
        }
        if host.unicodeScalars.contains(where: { !$0.isASCII }) {
            throw InputError(
                "the host '\(host)' has non-Latin letters — use its punycode form (xn--…), which the browser shows when you copy the address"
            )
        }
        if host.count > 253 {
            throw InputError("the host name is longer than 253 characters")
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty {
                throw InputError("the host '\(host)' has an empty part between dots")
            }
            if label.count > 63 {
                throw InputError("the host '\(host)' has a part longer than 63 characters")
            }
            let allowed = label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            if !allowed {
                let bad = label.first { !($0.isLetter || $0.isNumber || $0 == "-") }!
                throw InputError("the host '\(host)' contains '\(bad)' — only letters, digits, '-' and '.' are allowed")
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                throw InputError("the host '\(host)' has a part that starts or ends with '-'")
            }
        }
        if labels.count < 2 && host != "localhost" {
            throw InputError(
                "'\(host)' is not a full domain — type the whole address, like \(host).bitrix24.ru")
        }
    }

    /// `https://x.bitrix24.ru` or `http://crm.example.com:8080`, never with a trailing slash.
    public var description: String {
        if let port { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }

    /// Loopback hosts are the only ones plain http is used with unasked (the sandbox portal).
    public var isLoopback: Bool { Self.isLoopback(host: host) }

    public static func isLoopback(host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    public static func < (lhs: PortalDomain, rhs: PortalDomain) -> Bool {
        lhs.description < rhs.description
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try PortalDomain(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
