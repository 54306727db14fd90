/// A minimal option parser: positional arguments plus `--name value` / `--flag` options,
/// with errors that name the offending argument.
struct Arguments {
    var positional: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    struct UsageError: Error, CustomStringConvertible { let description: String }

    init(_ args: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var k = 0
        while k < args.count {
            let a = args[k]
            if a.hasPrefix("--") {
                var name = String(a.dropFirst(2))
                var inline: String? = nil
                if let eq = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if flagOptions.contains(name) {
                    if inline != nil { throw UsageError(description: "--\(name) takes no value") }
                    flags.insert(name)
                } else if valueOptions.contains(name) {
                    if values[name] != nil { throw UsageError(description: "--\(name) given twice") }
                    if let inline { values[name] = inline } else {
                        guard k + 1 < args.count else { throw UsageError(description: "--\(name) needs a value") }
                        k += 1
                        values[name] = args[k]
                    }
                } else {
                    throw UsageError(description: "unknown option \(a)")
                }
            } else if a == "-h" {
                flags.insert("help")
            } else {
                positional.append(a)
            }
            k += 1
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ name: String) -> String? { values[name] }

    func double(_ name: String, range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let raw = values[name] else { return nil }
        guard let v = Double(raw), v.isFinite, range.contains(v) else {
            throw UsageError(description: "--\(name) must be a number in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
        }
        return v
    }

    func int(_ name: String, range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let raw = values[name] else { return nil }
        guard let v = Int(raw), range.contains(v) else {
            throw UsageError(description: "--\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(raw)'")
        }
        return v
    }
}
