/// The small CSV files OnTime reads (orders and vehicles, travel history, order dates): a header line,
/// then comma-separated rows, no quoting; blank lines skipped, fields trimmed, header
/// names case-insensitive (the first column of a repeated name wins; looked up per row
/// through a dictionary, so a wide header does not make reading quadratic).
enum HeaderCSV {
    /// Calls `body(line, value)` for each data row, `line` 1-based and `value(name)` the
    /// row's field in that column (nil when the column or the field is missing). A header
    /// without one of `required` is an error at its line.
    static func forEachRow(_ text: String, path: String, required: [String],
                           _ body: (_ line: Int, _ value: (String) -> String?) throws(InputError) -> Void) throws(InputError) {
        var header: [String: Int]? = nil
        for (k, raw) in TextLines(text).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let columns = header else {
                var columns: [String: Int] = [:]
                for (c, name) in fields.enumerated() where columns[name.lowercased()] == nil { columns[name.lowercased()] = c }
                for name in required where columns[name] == nil {
                    throw InputError(file: path, line: k + 1, "header has no '\(name)' column")
                }
                header = columns
                continue
            }
            try body(k + 1) { name in columns[name].flatMap { $0 < fields.count ? fields[$0] : nil } }
        }
    }
}
