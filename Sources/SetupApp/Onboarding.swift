import SetupModel

/// The guided set-up: the vendor's instruction as steps, in its order. Steps done in the
/// browser (the CallGear cabinet, the Bitrix24 connect) are shown as instructions with the
/// region's links; the rest are the console's own forms.
public struct Onboarding: Equatable, Sendable {
    public enum Step: Int, CaseIterable, Sendable {
        case region, account, verify, chats, entityCreation, funnels, offline, other, review, activate

        public var title: String {
            switch self {
            case .region: "Region and profile"
            case .account: "Connect the portal"
            case .verify: "Verify connection"
            case .chats: "Chats"
            case .entityCreation: "Entity creation"
            case .funnels: "Funnels"
            case .offline: "Offline requests"
            case .other: "Other settings"
            case .review: "Review"
            case .activate: "Integration is active"
            }
        }

        /// The settings screen a step edits, when it is one.
        var section: Section? {
            switch self {
            case .chats: .chats
            case .entityCreation: .entityCreation
            case .funnels: .funnels
            case .offline: .offline
            case .other: .other
            default: nil
            }
        }
    }

    public var step: Step

    public init(step: Step = .region) {
        self.step = step
    }

    public var progress: String { "Step \(step.rawValue + 1) of \(Step.allCases.count)" }

    /// Whether a step's part of the set-up is done: a step passed over while something it
    /// asks for is missing is not ✓ (the side list shows it with "!").
    public static func isComplete(_ step: Step, profile: Profile, problems: [ValidationProblem], verified: Bool) -> Bool {
        let errors = problems.filter { $0.severity == .error }
        switch step {
        case .region: return !profile.name.trimmingCharacters(in: .whitespaces).isEmpty
        case .account: return !profile.account.isEmpty
        case .verify: return verified
        case .review: return errors.isEmpty
        case .activate: return profile.integrationActive
        case .chats, .entityCreation, .funnels, .offline, .other:
            guard let section = step.section else { return true }
            return !errors.contains { section.owns($0.path) }
        }
    }

    /// Saved in the draft's reason, so an unfinished onboarding resumes where it stopped.
    public var draftReason: String { "onboarding:\(step.rawValue)" }

    public static func resuming(_ reason: String) -> Onboarding? {
        guard reason.hasPrefix("onboarding:"), let n = Int(reason.dropFirst(11)), let step = Step(rawValue: n) else { return nil }
        return Onboarding(step: step)
    }
}

extension Forms {
    func onboarding(_ step: Onboarding.Step, problems: [ValidationProblem], verification: [String], isNew: Bool) -> [Field] {
        let region = profile.region
        switch step {
        case .region:
            var rows: [Field] = []
            if isNew {
                rows.append(
                    setting(.name, placeholder: "e.g. acme-dubai"))
            }
            rows.append(
                setting(.region))
            rows += [
                Field("In the browser", .heading),
                Field("1. Log in to the CallGear cabinet: \(region.cabinetLoginURL)", .note),
                Field("2. Open the integration page: \(region.integrationPageURL)", .note),
                Field("3. Press \"Add installation\", then \"Add account\".", .note),
            ]
            return rows
        case .account:
            return [
                Field("In the browser", .heading),
                Field("Fill \"Name\" and \"*Bitrix24 portal domain\" (https://xxx.bitrix24.ru/) and press \"Connect\".", .note),
                Field("On the \"Select branch\" page press \"\(region.bitrixAppName)\"; the window closes by itself.", .note),
            ]
                + (accounts.isEmpty
                    ? []
                    : [
                        Field("A portal stored already", .heading),
                        setting(
                            .account, hint: "Pick a portal this store knows; PgDn goes on to verify it.",
                            label: "Use a stored portal"),
                    ])
                + [Field("Here: its webhook, for this console to read the lists", .heading)]
                + accountForm().filter { if case .action(.deleteAccount, _) = $0.kind { false } else { true } }
        case .verify:
            var rows = [
                Field("Verify connection", .action(.verifyAccount, summary: "profile, scopes and CRM mode")),
                Field("Reload pick lists", .action(.reloadCatalog, summary: "lead stages, funnels, users and fields")),
            ]
            rows += verification.map { Field($0, .note) }
            return rows
        case .chats, .entityCreation, .funnels, .offline, .other:
            return fields(.section(step.section ?? .chats))
        case .review:
            guard !problems.isEmpty else {
                return [Field("No problems: every required setting is filled in.", .note)]
            }
            // The path is short enough for the label column; the message takes the value's
            // (and is shown whole under the form for the focused row). Enter jumps there.
            return problems.map { problem in
                Field(
                    "\(problem.severity == .error ? "✗" : "!") \(SettingsCatalog.label(of: problem.path))", path: problem.path,
                    .action(.jump(problem.path), summary: problem.message))
            }
        case .activate:
            return [
                Field("Check readiness", .action(.checkReadiness, summary: "will it work on this portal? ✓ ⚠ ✗"))
            ] + readiness.map { Field($0, .note) } + [
                setting(.integrationActive),
                Field(
                    "Save", .action(.activateAndSave, summary: "store the profile; nothing works until it is active and saved")),
                Field("After saving", .heading),
                Field("Start a test chat on \(region.testSiteURL) and check that a lead or deal appears.", .note),
                Field(
                    "Hint: a CallGear scenario with the \"Form (online chats only)\" step collects contacts first and avoids duplicates.",
                    .note),
            ]
        }
    }
}
