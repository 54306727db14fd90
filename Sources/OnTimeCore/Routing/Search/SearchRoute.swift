/// One route of the search state: its nodes with the depot at both ends and
/// prefix sums that let any stretch of the route be summarised in O(1).
///
/// Position 0 and position `count + 1` hold the depot (node 0); positions
/// 1...count hold customers.
struct SearchRoute {
    var nodes: [Int32] = [0, 0]
    /// cumDistance[k]: distance travelled from the start depot to position k.
    var cumDistance: [Int] = [0, 0]
    /// cumReverse[k]: distance of travelling positions k, k-1, ..., 0 backwards
    /// (differs from cumDistance only for asymmetric matrices).
    var cumReverse: [Int] = [0, 0]
    /// cumLoad[k]: demand of positions 0...k.
    var cumLoad: [Int] = [0, 0]
    /// Penalised cost of the whole route, cached.
    var cost: Double = 0

    var count: Int { nodes.count - 2 }
    var isEmpty: Bool { nodes.count == 2 }
    var end: Int { nodes.count - 1 }
    var load: Int { cumLoad[cumLoad.count - 1] }
    var distance: Int { cumDistance[cumDistance.count - 1] }
}

/// A partial route built during move evaluation: where it currently ends,
/// its distance and its load. Concatenating pieces is O(1) per piece.
struct RoutePiece {
    var last: Int32
    var distance: Int
    var load: Int
}
