/// Keeping families together: SKUs with the same `SKU.family` are often ordered
/// together, so a picker who finds them in one aisle walks less than the pick
/// frequencies alone suggest.
///
/// The rule binds a *family group*: the members of one family that share a storage
/// class, when there are at least two of them. Members of different classes cannot
/// share an aisle when a class has reserved aisles (a cold member must go to a cold
/// aisle), so each class's members are kept together separately; a family of one (per
/// class) and SKUs without a family are free.
public enum FamilyRule: String, Sendable, CaseIterable {
    /// Families are ignored (the default; what every method did before families were used).
    case none
    /// Every family group is stored in one aisle (either side, any bay and level).
    case aisle
}

extension SlottingProblem {
    /// The SKU groups `rule` keeps together: per family and storage class, the members
    /// in index order, only groups of at least two; groups ordered by their first member.
    /// Empty for `.none`.
    public func familyGroups(_ rule: FamilyRule) -> [[Int]] {
        guard rule != .none else { return [] }
        struct Key: Hashable { let family: String; let storageClass: String }
        var groups: [Key: [Int]] = [:]
        for (s, sku) in skus.enumerated() where !sku.family.isEmpty {
            groups[Key(family: sku.family, storageClass: sku.storageClass), default: []].append(s)
        }
        // Members are appended in index order; groups sorted by first member (never by
        // dictionary order, which differs between runs).
        return groups.values.filter { $0.count >= 2 }.sorted { $0[0] < $1[0] }
    }

    /// The family groups (see `familyGroups`) that `assignment` does not keep as `rule`
    /// asks, e.g. spread over more than one aisle.
    public func splitFamilies(_ assignment: SlotAssignment, rule: FamilyRule) -> [[Int]] {
        guard assignment.slotOfSKU.count == skus.count,
              assignment.slotOfSKU.allSatisfy({ $0 >= 0 && $0 < warehouse.slots.count }) else { return [] }
        switch rule {
        case .none:
            return []
        case .aisle:
            return familyGroups(rule).filter { group in
                let aisle = warehouse.slots[assignment.slotOfSKU[group[0]]].aisle
                return group.contains { warehouse.slots[assignment.slotOfSKU[$0]].aisle != aisle }
            }
        }
    }

    /// A readable name of a family group, e.g. "family F12 (class cold, 3 SKUs)".
    func describeFamily(_ group: [Int]) -> String {
        let sku = skus[group[0]]
        let cls = sku.storageClass.isEmpty ? "" : "class \(sku.storageClass), "
        return "family \(sku.family) (\(cls)\(group.count) SKUs)"
    }
}
