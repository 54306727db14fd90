import CGLPK

/// Entry point of the GLPK layer (the exact solver for integer subproblems).
///
/// Threading rule: a GLPK problem object belongs to one thread; never share one
/// between threads. The full model builder arrives with the set-partitioning work.
public enum GLPK {
    /// The linked GLPK library's version, e.g. "5.0" — proves the system library links.
    public static var version: String { String(cString: glp_version()) }
}
