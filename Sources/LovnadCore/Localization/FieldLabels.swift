/// The label a page shows for a request field, so that a refusal names the field as the reader sees it
/// ("Dato for møtet: …"), never by its name in the request (`held_on`).
public enum FieldLabels {
    public static let labels: [String: L] = [
        "held_on": .heldOn, "participants": .participants, "notes": .notesHeading, "body": .entryBody, "kind": .kindLabel,
        "tags": .tagsLabel, "corrects": .correctsLabel, "reason": .reasonLabel, "override_reason": .overrideLabel,
        "person_id": .fieldPerson, "profile_id": .fieldProfile, "to": .status, "customer_id": .customer, "title": .fieldTitle,
        "name": .fieldName, "email": .fieldEmail, "bio": .fieldBio, "category": .fieldCategory, "synonyms": .fieldSynonyms,
        "locale": .fieldLanguage, "time_zone": .fieldTimeZone, "away_until": .fieldAwayUntil, "description": .channelDescription, "norm_minutes": .channelNormHours,
        "members": .fieldMembers, "text": .promiseText, "due": .promiseDue, "new_due": .promiseNewDue, "note": .promiseStepNote,
        "owner_id": .promiseOwner, "engagement_id": .promiseEngagement, "to.type": .promiseTo, "to.id": .promiseTo,
        "to.contact_id": .promiseTo, "recurrence.every": .promiseRepeat, "recurrence.unit": .promiseRepeat,
        "recurrence.until": .promiseRepeatUntil, "from": .ratioFrom, "emoji": .fieldReaction,
    ]
}

extension Localizer {
    /// A request field by its label; a field without one keeps its name.
    public func field(_ name: String) -> String { FieldLabels.labels[name].map { self($0) } ?? name }
}
