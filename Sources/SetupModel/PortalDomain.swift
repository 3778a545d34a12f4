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
            throw InputError(
                tr(
                    "the portal domain is empty — type it like https://yourportal.bitrix24.ru",
                    ru: "домен портала пуст — введите его как https://yourportal.bitrix24.ru"))
        }
        var scheme = "https"
        if let range = text.range(of: "://") {
            scheme = text[..<range.lowerBound].lowercased()
            text = String(text[range.upperBound...])
            guard scheme == "https" || scheme == "http" else {
                throw InputError(
                    tr(
                        "'\(scheme)://' is not a web address — the portal domain starts with https:// (or http:// for a self-hosted portal)",
                        ru: "'\(scheme)://' — не веб-адрес — домен портала начинается с https:// (или http:// для своего портала)"
                    )
                )
            }
        }
        if let at = text.firstIndex(of: "@"), text[..<at].firstIndex(of: "/") == nil {
            throw InputError(
                tr(
                    "the portal domain must not contain a login ('…@') — give only the address",
                    ru: "в домене портала не должно быть логина ('…@') — укажите только адрес"))
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
                throw InputError(
                    tr(
                        "the port '\(portText)' is not a number from 1 to 65535",
                        ru: "порт '\(portText)' — не число от 1 до 65535"))
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
            throw InputError(
                tr(
                    "the portal domain has no host name — type it like https://yourportal.bitrix24.ru",
                    ru: "в домене портала нет имени хоста — введите его как https://yourportal.bitrix24.ru"))
        }
        if host.unicodeScalars.contains(where: { !$0.isASCII }) {
            throw InputError(
                tr(
                    "the host '\(host)' has non-Latin letters — use its punycode form (xn--…), which the browser shows when you copy the address",
                    ru:
                        "в хосте '\(host)' не латинские буквы — используйте его форму punycode (xn--…), её показывает браузер при копировании адреса"
                )
            )
        }
        if host.count > 253 {
            throw InputError(tr("the host name is longer than 253 characters", ru: "имя хоста длиннее 253 символов"))
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty {
                throw InputError(
                    tr("the host '\(host)' has an empty part between dots", ru: "в хосте '\(host)' пустая часть между точками"))
            }
            if label.count > 63 {
                throw InputError(
                    tr(
                        "the host '\(host)' has a part longer than 63 characters",
                        ru: "в хосте '\(host)' часть длиннее 63 символов"))
            }
            let allowed = label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            if !allowed {
                let bad = label.first { !($0.isLetter || $0.isNumber || $0 == "-") }!
                throw InputError(
                    tr(
                        "the host '\(host)' contains '\(bad)' — only letters, digits, '-' and '.' are allowed",
                        ru: "в хосте '\(host)' есть '\(bad)' — допустимы только буквы, цифры, '-' и '.'"))
            }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                throw InputError(
                    tr(
                        "the host '\(host)' has a part that starts or ends with '-'",
                        ru: "в хосте '\(host)' часть начинается или кончается на '-'"))
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

    /// The name `localhost`, the IPv6 loopback, or an IPv4 address literal in 127.0.0.0/8 —
    /// parsed as an address, so `127.evil.example` (a name anyone can register, and one a
    /// proxy would resolve) is not loopback.
    public static func isLoopback(host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" { return true }
        var bare = Substring(name)
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
        if bare.contains(":") { return Self.ipv6Bytes(bare) == Array(repeating: 0, count: 15) + [1] }
        guard let octets = Self.ipv4Octets(bare) else { return false }
        return octets[0] == 127
    }

    /// The four numbers of a dotted-quad IPv4 literal, nil for anything else (a host name).
    static func ipv4Octets(_ text: Substring) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part), n <= 255
            else { return nil }
            octets.append(n)
        }
        return octets
    }

    /// The 16 bytes of an IPv6 literal (with `::`), nil when it is not one.
    static func ipv6Bytes(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let n = UInt16(group, radix: 16) else { return nil }
                out.append(n)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
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
