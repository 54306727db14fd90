/// The small CSV files OnTime reads (orders and vehicles, travel history, order dates,
/// best-known costs): a header record, then data records, read by `CSV` (RFC 4180:
/// quoted fields may hold commas, quotes and line breaks); header names are
/// case-insensitive (the first column of a repeated name wins; looked up per row through
/// a dictionary, so a wide header does not make reading quadratic).
enum HeaderCSV {
    /// Calls `body(line, value)` for each data row, `line` 1-based (where the record
    /// starts) and `value(name)` the row's field in that column (nil when the column or the
    /// field is missing). A header without one of `required` is an error at its line.
    static func forEachRow(_ text: String, path: String, required: [String],
                           _ body: (_ line: Int, _ value: (String) -> String?) throws(InputError) -> Void) throws(InputError) {
        var header: [String: Int]? = nil
        try CSV.forEachRecord(text, path: path) { (record: CSV.Record) throws(InputError) in
            let fields = record.fields
            guard let columns = header else {
                var columns: [String: Int] = [:]
                for (c, name) in fields.enumerated() where columns[name.lowercased()] == nil { columns[name.lowercased()] = c }
                for name in required where columns[name] == nil {
                    throw InputError(file: path, line: record.line, "header has no '\(name)' column")
                }
                header = columns
                return
            }
            try body(record.line) { name in columns[name].flatMap { $0 < fields.count ? fields[$0] : nil } }
        }
    }
}
