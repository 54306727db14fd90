import Foundation
import Testing
@testable import OnTimeCore

/// The malformed-input corpus: every file in `Fixtures/malformed/` (instances) and
/// `Fixtures/malformed-sol/` (solution files) must be refused with one clear,
/// one-line `InputError` at the line `EXPECTED.tsv` names. A reader that traps
/// fails the whole run, and one that accepts a file fails that file's case.
///
/// `EXPECTED.tsv`: one line per file, `file<TAB>line or -<TAB>fragment of the description`;
/// blank lines and lines starting with `#` are ignored. Inputs that currently give a
/// misleading message live in `Fixtures/known-crashers/` (see its NOTES.md) and are
/// not checked here.
@Suite("Malformed input corpus")
struct MalformedInputTests {
    /// One expected refusal, as listed in an `EXPECTED.tsv`.
    struct Case: Sendable, CustomTestStringConvertible {
        let folder: String
        let file: String
        let line: Int?
        let fragment: String

        var path: String { MalformedInputTests.fixtures.appendingPathComponent(folder).appendingPathComponent(file).path }
        var testDescription: String { "\(folder)/\(file)" }
    }

    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IO/
        .deletingLastPathComponent()  // OnTimeCoreTests/
        .appendingPathComponent("Fixtures")

    struct ManifestError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `folder/EXPECTED.tsv`, throwing on any malformed line.
    static func manifest(_ folder: String) throws -> [Case] {
        let url = fixtures.appendingPathComponent(folder).appendingPathComponent("EXPECTED.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty, !fields[2].isEmpty else {
                throw ManifestError(description: "\(folder)/EXPECTED.tsv:\(index + 1): expected 'file<TAB>line<TAB>fragment'")
            }
            let expectedLine: Int?
            if fields[1] == "-" {
                expectedLine = nil
            } else if let n = Int(fields[1]), n >= 1 {
                expectedLine = n
            } else {
                throw ManifestError(description: "\(folder)/EXPECTED.tsv:\(index + 1): line must be a positive integer or '-', found '\(fields[1])'")
            }
            cases.append(Case(folder: folder, file: fields[0], line: expectedLine, fragment: fields[2]))
        }
        return cases
    }

    /// The manifest for parameterised tests; an unreadable one yields no cases, and the
    /// corpus tests below then fail with the reason.
    static func cases(_ folder: String) -> [Case] {
        (try? manifest(folder)) ?? []
    }

    /// Every regular, non-hidden file in `folder` other than EXPECTED.tsv.
    static func corpusFiles(_ folder: String) throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)
        return Set(names.filter { !$0.hasPrefix(".") && $0 != "EXPECTED.tsv" })
    }

    /// The manifest is well formed, large enough, and lists exactly the files present.
    func checkCorpus(_ folder: String, minimum: Int) throws {
        let cases = try Self.manifest(folder)
        #expect(cases.count >= minimum, "\(folder)/EXPECTED.tsv lists \(cases.count) files, expected at least \(minimum)")
        let listed = cases.map(\.file)
        let duplicates = Dictionary(grouping: listed, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "\(folder)/EXPECTED.tsv lists these files more than once: \(duplicates)")
        let present = try Self.corpusFiles(folder)
        let unlisted = present.subtracting(listed).sorted()
        let missing = Set(listed).subtracting(present).sorted()
        #expect(unlisted.isEmpty, "files in \(folder)/ not listed in EXPECTED.tsv: \(unlisted)")
        #expect(missing.isEmpty, "files listed in \(folder)/EXPECTED.tsv but not present: \(missing)")
    }

    /// The refusal is the expected one: right file, right line, the fragment, one line.
    func checkRefusal(_ error: InputError, _ c: Case) {
        #expect(error.file == c.path, "InputError.file should be the path read")
        #expect(error.line == c.line, "\(c.file): expected line \(c.line.map(String.init) ?? "-"), got \(error.line.map(String.init) ?? "-") in: \(error.description)")
        #expect(!error.message.isEmpty)
        #expect(error.description.contains(c.fragment), "\(c.file): '\(error.description)' does not contain '\(c.fragment)'")
        let isOneLine = !error.description.contains(where: { $0.isNewline })
        #expect(isOneLine, "\(c.file): the error spans more than one line: \(error.description)")
        #expect(error.description.hasPrefix(c.path + ":"), "the description should start with 'path:'")
    }

    @Test("malformed/ has at least 20 files, all listed in EXPECTED.tsv")
    func instanceCorpusIsComplete() throws {
        try checkCorpus("malformed", minimum: 20)
    }

    @Test("malformed-sol/ has at least 4 files, all listed in EXPECTED.tsv")
    func solutionCorpusIsComplete() throws {
        try checkCorpus("malformed-sol", minimum: 4)
    }

    @Test("InstanceReader refuses each malformed instance with a clear one-line error",
          arguments: cases("malformed"))
    func instanceIsRefused(_ c: Case) {
        do {
            let problem = try InstanceReader.read(path: c.path)
            Issue.record("\(c.file) was accepted as an instance with \(problem.nodeCount) nodes; expected an error containing '\(c.fragment)'")
        } catch {
            checkRefusal(error, c)
        }
    }

    @Test("SolutionFile refuses each malformed solution with a clear one-line error",
          arguments: cases("malformed-sol"))
    func solutionIsRefused(_ c: Case) {
        do {
            let solution = try SolutionFile.read(path: c.path)
            Issue.record("\(c.file) was accepted as a solution with \(solution.routes.count) routes; expected an error containing '\(c.fragment)'")
        } catch {
            checkRefusal(error, c)
        }
    }
}
