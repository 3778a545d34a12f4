import Foundation
import SetupModel

/// Calls Bitrix24 REST methods through an incoming webhook: builds the URL, posts JSON,
/// and turns every answer into a `PortalResponse` or a typed `PortalError`.
public struct WebhookClient: Sendable {
    public let domain: PortalDomain
    public let webhook: Webhook
    let transport: any HTTPTransport
    let timeouts: Timeouts

    public init(
        domain: PortalDomain, webhook: Webhook, transport: any HTTPTransport = CurlTransport(), timeouts: Timeouts = .standard
    ) {
        self.domain = domain
        self.webhook = webhook
        self.transport = transport
        self.timeouts = timeouts
    }

    /// `parameters` must be JSON-serialisable (dictionaries, arrays, strings, numbers).
    public func call(_ method: String, _ parameters: [String: any Sendable] = [:]) async throws(PortalError) -> PortalResponse {
        guard let base = webhook.baseURL(on: domain) else {
            throw .wrongWebhook
        }
        let body: Data
        do {
            body = try JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys])
        } catch {
            throw .other(code: "CLIENT", description: "parameters are not JSON: \(error)", status: 0)
        }
        let answer: HTTPResult
        do {
            answer = try await transport.post(base + method + ".json", json: body, timeouts: timeouts)
        } catch {
            throw .transport(error)
        }
        if let error = PortalError.classify(
            status: answer.status, body: answer.body, method: method, redirectURL: answer.redirectURL)
        {
            throw error
        }
        guard let tree = try? JSONParser.parse(Array(answer.body)) else {
            throw .notJSON(status: answer.status, snippet: PortalError.snippet(answer.body))
        }
        return try PortalResponse(tree: tree)
    }
}
