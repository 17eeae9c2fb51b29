/// The string tables, one per language.
public enum Strings {}
