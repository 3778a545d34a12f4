import SetupModel

/// The guided set-up: the vendor's instruction as steps, in its order. Steps done in the
/// browser (the CallGear cabinet, the Bitrix24 connect) are shown as instructions with the
/// region's links; the rest are the console's own forms.
public struct Onboarding: Equatable, Sendable {
    public enum Step: Int, CaseIterable, Sendable {
        case region, account, verify, chats, entityCreation, funnels, offline, other, review, activate

        public var title: String {
            switch self {
            case .region: tr("Region and profile", ru: "Регион и профиль")
            case .account: tr("Connect the portal", ru: "Подключение портала")
            case .verify: tr("Verify connection", ru: "Проверка подключения")
            case .chats: tr("Chats", ru: "Чаты")
            case .entityCreation: tr("Entity creation", ru: "Создание сущностей")
            case .funnels: tr("Funnels", ru: "Воронки")
            case .offline: tr("Offline requests", ru: "Офлайн-заявки")
            case .other: tr("Other settings", ru: "Другие настройки")
            case .review: tr("Review", ru: "Обзор")
            case .activate: tr("Integration is active", ru: "Интеграция активна")
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

    public var progress: String {
        tr("Step \(step.rawValue + 1) of \(Step.allCases.count)", ru: "Шаг \(step.rawValue + 1) из \(Step.allCases.count)")
    }

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
                    setting(.name, placeholder: tr("e.g. acme-dubai", ru: "например, acme-dubai")))
            }
            rows.append(
                setting(.region))
            rows += [
                Field(tr("In the browser", ru: "В браузере"), .heading),
                Field(
                    tr("1. Log in to the CallGear cabinet: ", ru: "1. Войдите в кабинет CallGear: ") + region.cabinetLoginURL,
                    .note),
                Field(
                    tr("2. Open the integration page: ", ru: "2. Откройте страницу интеграции: ") + region.integrationPageURL,
                    .note),
                Field(
                    tr(
                        "3. Press \"Add installation\", then \"Add account\".",
                        ru: "3. Нажмите «Add installation», затем «Add account»."),
                    .note),
            ]
            return rows
        case .account:
            return [
                Field(tr("In the browser", ru: "В браузере"), .heading),
                Field(
                    tr(
                        "Fill \"Name\" and \"*Bitrix24 portal domain\" (https://xxx.bitrix24.ru/) and press \"Connect\".",
                        ru: "Заполните «Name» и «*Bitrix24 portal domain» (https://xxx.bitrix24.ru/) и нажмите «Connect»."), .note
                ),
                Field(
                    tr(
                        "On the \"Select branch\" page press \"\(region.bitrixAppName)\"; the window closes by itself.",
                        ru: "На странице «Select branch» нажмите «\(region.bitrixAppName)»; окно закроется само."), .note),
            ]
                + (accounts.isEmpty
                    ? []
                    : [
                        Field(tr("A portal stored already", ru: "Уже сохранённый портал"), .heading),
                        setting(
                            .account,
                            hint: tr(
                                "Pick a portal this store knows; PgDn goes on to verify it.",
                                ru: "Выберите портал, известный хранилищу; PgDn — к его проверке."),
                            label: tr("Use a stored portal", ru: "Взять сохранённый портал")),
                    ])
                + [
                    Field(
                        tr(
                            "Here: its webhook, for this console to read the lists",
                            ru: "Здесь: его вебхук, чтобы консоль читала списки"), .heading)
                ]
                + accountForm().filter { if case .action(.deleteAccount, _) = $0.kind { false } else { true } }
        case .verify:
            var rows = [
                Field(
                    tr("Verify connection", ru: "Проверить подключение"),
                    .action(.verifyAccount, summary: tr("profile, scopes and CRM mode", ru: "профиль, права и режим CRM"))),
                Field(
                    tr("Reload pick lists", ru: "Обновить списки"),
                    .action(
                        .reloadCatalog,
                        summary: tr("lead stages, funnels, users and fields", ru: "стадии лида, воронки, пользователи и поля"))),
            ]
            rows += verification.map { Field($0, .note) }
            return rows
        case .chats, .entityCreation, .funnels, .offline, .other:
            return fields(.section(step.section ?? .chats))
        case .review:
            guard !problems.isEmpty else {
                return [
                    Field(
                        tr(
                            "No problems: every required setting is filled in.",
                            ru: "Ошибок нет: все обязательные настройки заполнены."), .note)
                ]
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
                Field(
                    tr("Check readiness", ru: "Проверить готовность"),
                    .action(
                        .checkReadiness,
                        summary: tr("will it work on this portal? ✓ ⚠ ✗", ru: "заработает ли на этом портале? ✓ ⚠ ✗")))
            ] + readiness.map { Field($0, .note) } + [
                setting(.integrationActive),
                Field(
                    tr("Save", ru: "Сохранить"),
                    .action(
                        .activateAndSave,
                        summary: tr(
                            "store the profile; nothing works until it is active and saved",
                            ru: "сохранить профиль; ничего не работает, пока он не активен и не сохранён"))),
                Field(tr("After saving", ru: "После сохранения"), .heading),
                Field(
                    tr(
                        "Start a test chat on \(region.testSiteURL) and check that a lead or deal appears.",
                        ru: "Начните тестовый чат на \(region.testSiteURL) и проверьте, что появился лид или сделка."), .note),
                Field(
                    tr(
                        "Hint: a CallGear scenario with the \"Form (online chats only)\" step collects contacts first and avoids duplicates.",
                        ru:
                            "Подсказка: сценарий CallGear с шагом «Форма (только для онлайн-чатов)» сначала собирает контакты и избегает дублей."
                    ),
                    .note),
            ]
        }
    }
}
