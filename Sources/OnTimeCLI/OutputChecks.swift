import OnTimeCore

/// The check every command with inputs and outputs runs before any work.
enum OutputChecks {
    /// Prints why and returns `.badInput` when an output is one of the inputs or another
    /// output (see `OutputPaths`); nil when they are all distinct. Absent options are nil.
    static func refuseClash(_ command: String, outputs: [(String, String?)], inputs: [(String, String?)],
                            console: Console) -> ExitCode? {
        do {
            try OutputPaths.checkDistinct(outputs: outputs.compactMap { label, path in path.map { (label, $0) } },
                                          inputs: inputs.compactMap { label, path in path.map { (label, $0) } })
            return nil
        } catch {
            console.err("ontime \(command): \(error)\n")
            return .badInput
        }
    }
}
