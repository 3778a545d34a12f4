import Foundation
import Testing

@Suite struct ProfileCommandTests {
    @Test func helpExplainsWithExamplesAndExitsZero() throws {
        let cli = CLIRunner()
        let root = try cli.run(["--help"], withStore: false)
        #expect(root.code == 0)
        #expect(root.out.contains("Exit codes: 0 success, 1 validation failed, 2 usage or input error"))
        let importHelp = try cli.run(["profile", "import", "--help"], withStore: false)
        #expect(importHelp.code == 0 && importHelp.out.contains("Example: callgear-setup profile import"))
    }

    @Test func usageErrorsExitTwo() throws {
        let cli = CLIRunner()
        #expect(try cli.run(["profile", "frobnicate"]).code == 2)
        #expect(try cli.run(["profile", "show"]).code == 2)
        let missing = try cli.run(["profile", "show", "nope"])
        #expect(missing.code == 2 && missing.err.contains("no profile named 'nope'"))
    }

    @Test func importExportRoundTripIsExact() throws {
        let cli = CLIRunner()
        let file = cli.example("profile-dubai.json")
        let imported = try cli.run(["profile", "import", file])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(
            imported.err.contains("imported profile 'demo-dubai', version 1; added account https://demo-callgear.bitrix24.ru"))
        let exported = try cli.run(["profile", "export", "demo-dubai"])
        #expect(exported.code == 0)
        #expect(exported.out == (try String(contentsOfFile: file, encoding: .utf8)))
        let list = try cli.run(["profile", "list"])
        #expect(list.out.contains("demo-dubai") && list.out.contains("Dubai") && list.out.contains("yes"))
    }

    @Test func reimportNeedsReplaceAndMakesAVersion() throws {
        let cli = CLIRunner()
        let file = cli.example("profile-dubai.json")
        try cli.run(["profile", "import", file])
        let again = try cli.run(["profile", "import", file])
        #expect(again.code == 2 && again.err.contains("exists already"))
        let edited = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "\"notifyOnCreate\" : true", with: "\"notifyOnCreate\" : false")
        let replaced = try cli.run(["profile", "import", cli.write("edited.json", edited), "--replace"])
        #expect(replaced.code == 0 && replaced.err.contains("replaced profile 'demo-dubai', version 2"))
        let diff = try cli.run(["profile", "diff", "demo-dubai"])
        #expect(
            diff.out.contains(
                "Send a notification when a lead or deal is created (chats.notifyOnCreate): true → false"), "\(diff.out)")
        let history = try cli.run(["profile", "history", "demo-dubai", "--json"])
        #expect(history.out.contains("\"version\" : 2"))
    }

    @Test func malformedFileNamesLineAndChangesNothing() throws {
        let cli = CLIRunner()
        let broken = cli.write(
            "broken.json", "{\n  \"format\": \"callgear-setup/profile\",\n  \"formatVersion\": 1\n  \"profile\": {}\n}\n")
        let result = try cli.run(["profile", "import", broken])
        #expect(result.code == 2)
        #expect(result.err.contains("broken.json:4:3: $: expected ',' or '}' after a field"))
        #expect(try cli.run(["profile", "list", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func truncatedUnknownFieldWrongTypeAndNewerVersion() throws {
        let cli = CLIRunner()
        let good = try String(contentsOfFile: cli.example("profile-dubai.json"), encoding: .utf8)
        let cases: [(String, String)] = [
            (String(good.prefix(400)), "looks truncated"),
            (
                good.replacingOccurrences(of: "\"addToClosed\"", with: "\"addToClsed\" : true, \"addToClosed\""),
                "$.profile.other.addToClsed: unknown field 'addToClsed'"
            ),
            (
                good.replacingOccurrences(of: "\"enabled\" : true", with: "\"enabled\" : 1"),
                "expected true or false, found a number"
            ),
            (good.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 9"), "newer callgear-setup"),
            (
                good.replacingOccurrences(of: "\"region\" : \"dubai\"", with: "\"region\" : \"abu-dhabi\""),
                "unknown region 'abu-dhabi' — expected one of: latvia, dubai"
            ),
            (good.replacingOccurrences(of: "{{communication_id}})", with: "{{communication_id)"), "'{{' is not closed"),
        ]
        for (index, (text, expected)) in cases.enumerated() {
            let result = try cli.run(["profile", "import", cli.write("case\(index).json", text)])
            #expect(result.code != 0, "case \(index)")
            #expect(result.err.contains(expected), "case \(index): \(result.err)")
        }
        #expect(try cli.run(["profile", "list", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func validateExitsOneWithPaths() throws {
        let cli = CLIRunner()
        let text = try String(contentsOfFile: cli.example("profile-latvia.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"defaultResponsible\" : \"1\"", with: "\"defaultResponsible\" : \"\"")
        let result = try cli.run(["profile", "validate", "--file", cli.write("p.json", text)])
        #expect(result.code == 1)
        #expect(result.out.contains("error: chats.defaultResponsible: Default chat responsible is required"))
        let json = try cli.run(["profile", "validate", "--file", cli.write("p.json", text), "--json"])
        #expect(json.code == 1 && json.out.contains("\"path\" : \"chats.defaultResponsible\""))
        #expect(try cli.run(["profile", "validate", "--file", cli.example("profile-latvia.json")]).code == 0)
    }

    @Test func activateRefusesInvalidProfiles() throws {
        let cli = CLIRunner()
        try cli.run(["profile", "import", cli.example("profile-latvia.json")])
        let ok = try cli.run(["profile", "activate", "demo-latvia"])
        #expect(ok.code == 0 && ok.err.contains("now active (version 2)"))
        try cli.run(["profile", "deactivate", "demo-latvia"])
        let incomplete = try String(contentsOfFile: cli.example("profile-latvia.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"name\" : \"demo-latvia\"", with: "\"name\" : \"incomplete\"")
            .replacingOccurrences(of: "\"defaultResponsible\" : \"1\"", with: "\"defaultResponsible\" : \"\"")
        let imported = try cli.run(["profile", "import", cli.write("incomplete.json", incomplete)])
        #expect(imported.code == 0 && imported.err.contains("error: chats.defaultResponsible"))
        let refused = try cli.run(["profile", "activate", "incomplete"])
        #expect(refused.code == 1)
        #expect(refused.err.contains("incomplete: error: chats.defaultResponsible"))
        #expect(refused.err.contains("stays inactive"))
        #expect(try cli.run(["profile", "show", "incomplete"]).out.contains("Integration is active: off"))
        let created = try cli.run(["profile", "create", "empty", "--region", "latvia", "--account", "callgeartest.bitrix24.ru"])
        #expect(created.code == 0 && created.err.contains("created profile 'empty'"))
    }

    @Test func activeDocumentWithErrorsIsNotImported() throws {
        let cli = CLIRunner()
        let text = try String(contentsOfFile: cli.example("profile-dubai.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"commentPriority\" : \"to_deals\",", with: "")
        let result = try cli.run(["profile", "import", cli.write("p.json", text)])
        #expect(result.code == 1)
        #expect(result.err.contains("nothing was imported"))
        #expect(try cli.run(["account", "list", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func deleteNeedsConfirmation() throws {
        let cli = CLIRunner()
        try cli.run(["profile", "import", cli.example("profile-latvia.json")])
        #expect(try cli.run(["profile", "delete", "demo-latvia"]).code == 2)
        #expect(try cli.run(["profile", "delete", "demo-latvia", "--yes"]).code == 0)
        #expect(try cli.run(["profile", "show", "demo-latvia"]).code == 2)
    }

    @Test func hostileNamesAreSanitizedOnStdout() throws {
        let cli = CLIRunner()
        let text = try String(contentsOfFile: cli.example("profile-latvia.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"name\" : \"CallGear test portal\"", with: "\"name\" : \"evil\\u001b[2J\\u202eexe.txt\"")
        let imported = try cli.run(["profile", "import", cli.write("p.json", text)])
        #expect(imported.code == 0, "\(imported.err)")
        let list = try cli.run(["account", "list"])
        #expect(list.out.contains("evil␛[2J\u{FFFD}exe.txt"))
        let json = try cli.run(["account", "list", "--json"])
        #expect(!json.out.contains("\u{1B}") && !json.out.contains("\u{202E}"))
        #expect(json.out.contains("\\u001b[2J\\u202eexe.txt"))
        let show = try cli.run(["profile", "show", "demo-latvia"])
        #expect(!show.out.contains("\u{1B}") && show.out.contains("evil␛[2J"))
    }

    @Test func profileNameWithControlCharactersIsRefused() throws {
        let cli = CLIRunner()
        let text = try String(contentsOfFile: cli.example("profile-latvia.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"name\" : \"demo-latvia\"", with: "\"name\" : \"a\\u202eb\"")
        let result = try cli.run(["profile", "import", cli.write("p.json", text)])
        #expect(result.code == 2 && result.err.contains("name: the profile name contains control or invisible characters"))
    }

    @Test func storeThatIsNotSQLiteExitsThree() throws {
        let cli = CLIRunner()
        try "notes".write(toFile: cli.store, atomically: true, encoding: .utf8)
        let result = try cli.run(["profile", "list"])
        #expect(result.code == 3)
        #expect(result.err.contains("is not a callgear-setup store"))
    }

    @Test func storeThatCannotBeCreatedExitsThree() throws {
        let cli = CLIRunner()
        let blocker = cli.write("blocker", "x")
        let result = try cli.run(["profile", "list", "--store", blocker + "/sub/store.sqlite"], withStore: false)
        #expect(result.code == 3)
        #expect(result.err.contains("cannot create the store at \(blocker)/sub/store.sqlite"))
    }

    @Test func defaultStoreFollowsXDG() throws {
        let cli = CLIRunner()
        let result = try cli.run(
            ["account", "add", "--domain", "x.bitrix24.ru"], withStore: false, environment: ["XDG_DATA_HOME": cli.folder + "/xdg"]
        )
        #expect(result.code == 0)
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/xdg/callgear-setup/store.sqlite"))
    }
}
