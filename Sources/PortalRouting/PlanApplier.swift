import Bitrix24
import Foundation
import Routing
import SetupModel

/// The test apply: carries a plan out on the portal, one call per action so a failure is
/// pinned to its step. Every record is marked — the title starts with "[TEST]",
/// ORIGINATOR_ID is "callgear-setup" and ORIGIN_ID carries this run's marker; comments and
/// notifications start with the marker — so an operator can find the test data and remove
/// it. Writes are never repeated after a timeout (the client's policy): the run stops and
/// says that the step may or may not have happened.
public struct PlanApplier: Sendable {
    let client: PortalClient

    public init(client: PortalClient) {
        self.client = client
    }

    public struct Step: Sendable, Hashable {
        public var action: RoutingPlan.Action
        /// What the portal gave back: a new ID, "done", or why the step did not happen.
        public var outcome: Outcome
    }

    public enum Outcome: Sendable, Hashable {
        case created(CRMEntity, id: String)
        case written(String)
        case skipped(String)
        case failed(String)
    }

    public struct Report: Sendable {
        public var marker: String
        public var steps: [Step]
        public var complete: Bool { steps.allSatisfy { if case .failed = $0.outcome { false } else { true } } }
    }

    public static func newMarker() -> String {
        "callgear-setup-test-" + UUID().uuidString.prefix(8).lowercased()
    }

    public func apply(_ plan: RoutingPlan, event: RoutingEvent, marker: String = PlanApplier.newMarker()) async -> Report {
        var steps: [Step] = []
        var created: [CRMEntity: String] = [:]
        for action in plan.actions {
            let outcome: Outcome
            do {
                outcome = try await perform(action, event: event, marker: marker, created: created)
            } catch {
                let detail =
                    if error.writeOutcomeUnknown {
                        "\(error.message) — it may or may not have been written; it is not repeated. Look for ORIGIN_ID \(marker)"
                    } else {
                        "\(error.message) — \(error.fix)"
                    }
                steps.append(Step(action: action, outcome: .failed(detail)))
                // Later steps depend on this one (IDs, order): stop here.
                break
            }
            if case .created(let kind, let id) = outcome { created[kind] = id }
            steps.append(Step(action: action, outcome: outcome))
        }
        return Report(marker: marker, steps: steps)
    }

    private func resolve(_ target: RoutingPlan.Target, _ created: [CRMEntity: String]) -> (CRMEntity, String)? {
        switch target {
        case .existing(let kind, let id): (kind, id)
        case .new(let kind): created[kind].map { (kind, $0) }
        }
    }

    private func perform(
        _ action: RoutingPlan.Action, event: RoutingEvent, marker: String, created: [CRMEntity: String]
    ) async throws(PortalError) -> Outcome {
        switch action {
        case .skip(let reason):
            return .skipped(reason)
        case .create(let entity):
            var fields: [String: any Sendable] = [
                "TITLE": "[TEST] " + entity.title, "ORIGINATOR_ID": "callgear-setup", "ORIGIN_ID": marker, "OPENED": "Y",
            ]
            for (code, value) in entity.fields { fields[code] = value }
            if let responsible = entity.responsible { fields["ASSIGNED_BY_ID"] = responsible }
            if let contact = entity.contactID ?? (entity.linksNewContact ? created[.contact] : nil) {
                fields["CONTACT_ID"] = contact
            }
            if let company = entity.companyID { fields["COMPANY_ID"] = company }
            if entity.kind == .contact {
                fields["TITLE"] = nil
                fields["NAME"] = "[TEST] " + entity.title
                if let phone = event.visitor.phone { fields["PHONE"] = [["VALUE": phone, "VALUE_TYPE": "WORK"]] }
                if let email = event.visitor.email { fields["EMAIL"] = [["VALUE": email, "VALUE_TYPE": "WORK"]] }
            } else if entity.kind == .lead {
                if let stage = entity.stage { fields["STATUS_ID"] = stage }
                if let name = event.visitor.name { fields["NAME"] = name }
                if let phone = event.visitor.phone { fields["PHONE"] = [["VALUE": phone, "VALUE_TYPE": "WORK"]] }
                if let email = event.visitor.email { fields["EMAIL"] = [["VALUE": email, "VALUE_TYPE": "WORK"]] }
            } else {
                fields["CATEGORY_ID"] = entity.funnel ?? "0"
                if let stage = entity.stage { fields["STAGE_ID"] = stage }
            }
            let answer = try await client.call("crm.\(entity.kind.rawValue).add", ["fields": fields])
            guard let id = PortalResponse.int(answer.result) else {
                return .failed("the portal answered without a new ID: \(answer.result.compactText.prefix(80))")
            }
            return .created(entity.kind, id: String(id))
        case .addComment(let target, let timing):
            guard let (kind, id) = resolve(target, created) else { return .skipped("\(target) was not created") }
            let body =
                switch timing {
                case .now: event.text ?? "(no text)"
                case .asMessagesArrive: event.text.map { "Message: \($0)" } ?? "(the chat's messages as they come)"
                case .transcriptAtEnd: event.text.map { "Transcript: \($0)" } ?? "(the chat's transcript)"
                }
            let answer = try await client.call(
                "crm.timeline.comment.add",
                [
                    "fields": ["ENTITY_ID": id, "ENTITY_TYPE": kind.rawValue, "COMMENT": "[\(marker)] \(body)"]
                        as [String: any Sendable]
                ])
            return .written("comment \(answer.result.compactText) on \(kind.rawValue) #\(id)")
        case .addActivity(let target, let responsible):
            guard let (kind, id) = resolve(target, created) else { return .skipped("\(target) was not created") }
            let ownerType = [CRMEntity.lead: 1, .deal: 2, .contact: 3, .company: 4][kind] ?? 2
            var parameters: [String: any Sendable] = [
                "ownerTypeId": ownerType, "ownerId": id,
                "title": "[\(marker)] \(event.kind == .chat ? "Chat" : "Offline request")",
                "deadline": ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400)),
            ]
            if let responsible { parameters["responsibleId"] = responsible }
            _ = try await client.call("crm.activity.todo.add", parameters)
            return .written("activity on \(kind.rawValue) #\(id)")
        case .updateFields(let target, let values):
            guard let (kind, id) = resolve(target, created) else { return .skipped("\(target) was not created") }
            _ = try await client.call("crm.\(kind.rawValue).update", ["id": id, "fields": values])
            return .written("fields of \(kind.rawValue) #\(id)")
        case .notify(let user, let target):
            guard let (kind, id) = resolve(target, created) else { return .skipped("\(target) was not created") }
            let answer = try await client.call(
                "im.notify.system.add",
                [
                    "USER_ID": user,
                    "MESSAGE": "[\(marker)] A new \(kind.rawValue) #\(id) is assigned to you (a callgear-setup test)",
                ])
            return .written("notification \(answer.result.compactText) to user \(user)")
        }
    }
}
