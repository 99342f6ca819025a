package dev.loupe.query;

/** The type of a result column, as the Search Job API names it ({@code fieldType}). */
public enum FieldType {
    STRING("string"),
    LONG("long"),
    INT("int"),
    DOUBLE("double"),
    BOOLEAN("boolean");

    private final String apiName;

    FieldType(String apiName) {
        this.apiName = apiName;
    }

    /** The name in the Search Job API: {@code string}, {@code long}, {@code int}, {@code double}, {@code boolean}. */
    public String apiName() {
        return apiName;
    }
}
