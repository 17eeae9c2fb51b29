import Foundation

/// The Snowball Norwegian (bokmål) stemmer, as snowballstem.org defines it in release 3.1: one stem for a
/// word's inflections, so "leveransen" and "leveransene" both find "leveranse". Search applies it to the
/// indexed text and to the query alike; English words mostly lose at most a plural "s", the same on both sides.
/// Expects one lower-cased word; `Tests/LovnadCoreTests/NorwegianStemmerTests` checks it against the
/// reference implementation's output for a vocabulary.
public enum NorwegianStemmer {
    public static func stem(_ word: String) -> String {
        var w = Array(word.precomposedStringWithCanonicalMapping.unicodeScalars)
        guard w.count >= 3 else { return word }
        let p1 = regionOne(w)
        mainSuffix(&w, p1)
        consonantPair(&w, p1)
        otherSuffix(&w, p1)
        if w.last == "'" { w.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: w)
        return String(out)
    }

    static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y", "å", "æ", "ê", "ò", "ó", "ô", "ø"]
    /// Letters before which a final "s" is an ending ("r" and "k" have rules of their own).
    static let sEndings: Set<Unicode.Scalar> = ["b", "c", "d", "f", "g", "h", "j", "l", "m", "n", "o", "p", "t", "v", "y", "z"]

    enum Action { case delete, deleteS, deleteErs, replaceWithEr }

    static let mainSuffixes: [(String, Action)] = [
        "a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "en", "heten", "ar", "er", "heter", "as", "es", "edes",
        "endes", "enes", "hetenes", "ens", "hetens", "ets", "et", "het", "ast",
    ].map { ($0, .delete) } + [("s", .deleteS), ("ers", .deleteErs), ("erte", .replaceWithEr), ("ert", .replaceWithEr)]

    /// Before "-ers" these keep it ("minders" is not "mind" + "ers"); the longer "skap", "hav" and "giv" drop it again.
    static let keepErsAfter: [String] = ["ind", "kk", "nk", "amm", "omm", "kap", "pp", "lt", "ast", "øst", "v"]
    static let dropErsAfter: [String] = ["skap", "hav", "giv"]

    static let otherSuffixes = ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"]

    /// R1: after the first apostrophe, else after the first non-vowel that follows a vowel; never before the
    /// fourth letter.
    static func regionOne(_ w: [Unicode.Scalar]) -> Int {
        var p1 = w.count
        if let apostrophe = w.firstIndex(of: "'") {
            p1 = apostrophe + 1
        } else if let vowel = w.firstIndex(where: vowels.contains),
                  let consonant = w[(vowel + 1)...].firstIndex(where: { !vowels.contains($0) }) {
            p1 = consonant + 1
        }
        return max(p1, 3)
    }

    static func ends(_ w: [Unicode.Scalar], with suffix: String, from start: Int = 0, before end: Int? = nil) -> Bool {
        let s = Array(suffix.unicodeScalars)
        let end = end ?? w.count
        guard end - s.count >= start else { return false }
        return Array(w[(end - s.count)..<end]) == s
    }

    /// The longest of `suffixes` that lies wholly in R1.
    static func longest<T>(_ suffixes: [(String, T)], in w: [Unicode.Scalar], _ p1: Int) -> (String, T)? {
        suffixes.filter { ends(w, with: $0.0, from: p1) }.max { $0.0.unicodeScalars.count < $1.0.unicodeScalars.count }
    }

    static func mainSuffix(_ w: inout [Unicode.Scalar], _ p1: Int) {
        guard w.count >= p1, let (suffix, action) = longest(mainSuffixes, in: w, p1) else { return }
        let start = w.count - suffix.unicodeScalars.count
        switch action {
        case .delete:
            w.removeSubrange(start...)
        case .deleteS:
            // The letter before the "s" need not be in R1.
            guard start > 0 else { return }
            let before = w[start - 1]
            let isEnding = sEndings.contains(before)
                || (before == "r" && !(start > 1 && w[start - 2] == "e"))
                || (before == "k" && start > 1 && !vowels.contains(w[start - 2]))
            if isEnding { w.removeSubrange(start...) }
        case .deleteErs:
            let drop = dropErsAfter.contains { ends(w, with: $0, before: start) }
            let keep = !drop && keepErsAfter.contains { ends(w, with: $0, before: start) }
            if !keep { w.removeSubrange(start...) }
        case .replaceWithEr:
            w.replaceSubrange(start..., with: ["e", "r"])
        }
    }

    /// "-dt" and "-vt" in R1 lose the "t" ("meldt" → "meld").
    static func consonantPair(_ w: inout [Unicode.Scalar], _ p1: Int) {
        guard w.count >= p1, ends(w, with: "dt", from: p1) || ends(w, with: "vt", from: p1) else { return }
        w.removeLast()
    }

    static func otherSuffix(_ w: inout [Unicode.Scalar], _ p1: Int) {
        guard w.count >= p1, let (suffix, _) = longest(otherSuffixes.map { ($0, ()) }, in: w, p1) else { return }
        w.removeLast(suffix.unicodeScalars.count)
    }
}
