import Foundation

/// Writes to standard error from a C callback (no captured context allowed there).
func fputsStderr(_ message: String) {
    FileHandle.standardError.write(Data(message.utf8))
}
