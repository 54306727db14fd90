import OnTimeCore

/// `--travel-model FILE [--carrier NAME | --region NAME]`, shared by solve and notify.
enum TravelModelOptions {
    static let names: Set<String> = ["travel-model", "carrier", "region"]

    static let help = """
          --travel-model FILE    travel-time uncertainty for the predicted arrival windows
                                 (as `ontime calibrate` writes it): {"leg_cv",
                                 "short_leg_cv", "short_leg_scale", "bias", "service_cv",
                                 "day_cv", "clock_start", "units_per_hour", "by_hour",
                                 "by_carrier", "by_region"} (defaults 0.2, 0.4, 10, 1, 0.3,
                                 0, 08:00, 60 units per hour, no hour, carrier or region
                                 effects)
          --carrier NAME         use the file's model for this carrier (by_carrier)
          --region NAME          use the file's model for this region (by_region)
        """

    static func load(_ parsed: Arguments) throws(InputError) -> TravelTimeModel {
        let carrier = parsed.value("carrier"), region = parsed.value("region")
        guard let path = parsed.value("travel-model") else {
            if carrier != nil || region != nil {
                throw InputError(file: "command line", line: nil, "--carrier and --region need --travel-model")
            }
            return TravelTimeModel()
        }
        if carrier != nil && region != nil {
            throw InputError(file: "command line", line: nil, "give --carrier or --region, not both")
        }
        let model = try TravelTimeModel.read(path: path)
        if let carrier { return try model.variant("carrier:" + carrier) }
        if let region { return try model.variant("region:" + region) }
        return model
    }
}
