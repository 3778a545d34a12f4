import Foundation

/// Who saved a version: the OS user and, over SSH, the client address — what an operator
/// needs to know when asking "who changed the funnel rules?".
public struct Author: Hashable, Sendable, Codable, CustomStringConvertible {
    public var user: String
    public var clientAddress: String?

    public init(user: String, clientAddress: String? = nil) {
        self.user = user
        self.clientAddress = clientAddress
    }

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Author {
        var user = environment["USER"] ?? environment["LOGNAME"] ?? ""
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            user = String(cString: name)
        }
        // SSH_CONNECTION is "client_ip client_port server_ip server_port".
        let client = environment["SSH_CONNECTION"]?.split(separator: " ").first.map(String.init)
        return Author(user: user.isEmpty ? "uid \(geteuid())" : user, clientAddress: client)
    }

    public var description: String {
        clientAddress.map { "\(user)@\($0)" } ?? user
    }
}
