import Foundation

/// The redemption codes issued so far, kept in a text file of one code a line, so that no
/// code is ever issued twice across runs (`notify --code-ledger FILE`). A missing file is
/// an empty ledger. Every line must be a code as `Notices` issues them (`OT-` and eight
/// of `alphabet`): a ledger that is some other file is refused rather than appended to.
/// The file is rewritten whole (with `AtomicFile`), so a reader never sees half a line;
/// two runs sharing one ledger must not run at the same time (the later write wins).
public struct CodeLedger: Sendable, Equatable {
    /// The letters of a code: no 0/O or 1/I.
    public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    public let path: String
    /// The file's text as read ("" for a new ledger).
    public let text: String
    public let codes: Set<String>

    public static func read(path: String) throws(InputError) -> CodeLedger {
        var st = stat()
        if stat(path, &st) != 0 && errno == ENOENT { return CodeLedger(path: path, text: "", codes: []) }
        if st.st_mode & S_IFMT == S_IFREG && st.st_size == 0 { return CodeLedger(path: path, text: "", codes: []) }
        let text = try readText(path)
        var codes = Set<String>()
        for (k, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard isCode(line) else {
                throw InputError(file: path, line: k + 1, "'\(line.prefix(40))' is not a redemption code (OT- and 8 letters); "
                                 + "is this the code ledger?")
            }
            codes.insert(line)
        }
        return CodeLedger(path: path, text: text, codes: codes)
    }

    public static func isCode(_ s: String) -> Bool {
        let letters = Set(alphabet)
        return s.count == 11 && s.hasPrefix("OT-") && s.dropFirst(3).allSatisfy { letters.contains($0) }
    }

    /// The whole ledger with `new` codes appended, one a line.
    public func appending(_ new: [String]) -> String {
        let head = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
        return head + new.map { $0 + "\n" }.joined()
    }
}
