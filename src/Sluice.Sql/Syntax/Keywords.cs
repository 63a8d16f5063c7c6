namespace Sluice.Sql.Syntax;

/// <summary>
/// The keyword sets of the parser and formatter. Reserved words cannot be unquoted names; the quoted set adds
/// words that are names in most places but a keyword right before <c>[</c>, <c>(</c> or a string.
/// </summary>
internal static class Keywords
{
    /// <summary>Words that are never an unquoted identifier or alias (a subset of Flink's reserved words).</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "ALTER", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIME",
        "CURRENT_TIMESTAMP", "DESCRIBE", "DISTINCT", "DROP", "ELSE", "END", "ESCAPE", "EXCEPT", "EXECUTE", "EXISTS",
        "EXPLAIN", "FALSE", "FETCH", "FOR", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER", "INSERT", "INTERSECT",
        "INTERVAL", "INTO", "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP",
        "MATCH_RECOGNIZE", "MINUS", "NATURAL", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "QUALIFY", "RIGHT",
        "SELECT", "SIMILAR", "TABLE", "TABLESAMPLE", "THEN", "TRUE", "UNION", "UNNEST", "USING", "VALUES", "WHEN",
        "WHERE", "WINDOW", "WITH",
    };

    /// <summary>Reserved words that may still name a function when a <c>(</c> follows, e.g. <c>LEFT(s, 3)</c>.</summary>
    public static readonly HashSet<string> ReservedFunctionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "LEFT", "RIGHT",
    };

    /// <summary>
    /// Words the formatter quotes when they are names, besides <see cref="Reserved"/>: Flink's (Calcite's) reserved
    /// words, so that formatted text is also valid Flink SQL, and words this parser treats as keywords in some
    /// positions (e.g. <c>map</c> before <c>[</c>).
    /// </summary>
    private static readonly HashSet<string> QuotedByFormatter = new(StringComparer.OrdinalIgnoreCase)
    {
        "ABS", "ALLOCATE", "ALLOW", "ANY", "ARE", "ARRAY", "ARRAY_MAX_CARDINALITY", "ASENSITIVE", "ASYMMETRIC", "AT",
        "ATOMIC", "AUTHORIZATION", "AVG", "BEGIN", "BEGIN_FRAME", "BEGIN_PARTITION", "BIGINT", "BINARY", "BIT", "BLOB",
        "BOOLEAN", "BOTH", "BYTES", "CALL", "CALLED", "CARDINALITY", "CASCADED", "CEIL", "CEILING", "CHAR", "CHARACTER",
        "CHARACTER_LENGTH", "CHAR_LENGTH", "CHECK", "CLASSIFIER", "CLOB", "CLOSE", "COALESCE", "COLLATE", "COLLECT",
        "COLUMN", "COMMIT", "CONDITION", "CONNECT", "CONSTRAINT", "CONTAINS", "CONVERT", "CORR", "CORRESPONDING",
        "COUNT", "COVAR_POP", "COVAR_SAMP", "CUBE", "CUME_DIST", "CURRENT", "CURRENT_CATALOG",
        "CURRENT_DEFAULT_TRANSFORM_GROUP", "CURRENT_PATH", "CURRENT_ROLE", "CURRENT_ROW", "CURRENT_SCHEMA",
        "CURRENT_TRANSFORM_GROUP_FOR_TYPE", "CURRENT_USER", "CURSOR", "CYCLE", "DATE", "DAY", "DEALLOCATE", "DEC",
        "DECIMAL", "DECLARE", "DEFAULT", "DEFINE", "DELETE", "DENSE_RANK", "DEREF", "DETERMINISTIC", "DISALLOW",
        "DISCONNECT", "DOUBLE", "DYNAMIC", "EACH", "ELEMENT", "EMPTY", "END_FRAME", "END_PARTITION", "EQUALS",
        "EVERY", "EXEC", "EXP", "EXTEND", "EXTERNAL", "EXTRACT", "FILTER", "FIRST_VALUE", "FLOAT", "FLOOR", "FOREIGN",
        "FRAME_ROW", "FREE", "FUNCTION", "FUSION", "GET", "GLOBAL", "GRANT", "GROUPING", "GROUPS", "HOLD", "HOUR",
        "IDENTITY", "IF", "IMPORT", "INDICATOR", "INITIAL", "INOUT", "INSENSITIVE", "INT", "INTEGER", "INTERSECTION",
        "JSON_ARRAY", "JSON_ARRAYAGG", "JSON_EXISTS", "JSON_OBJECT", "JSON_OBJECTAGG", "JSON_QUERY", "JSON_VALUE",
        "LAG", "LANGUAGE", "LARGE", "LAST_VALUE", "LEAD", "LEADING", "LIKE_REGEX", "LN", "LOCAL", "LOWER", "MAP",
        "MATCH", "MATCHES", "MATCH_NUMBER", "MAX", "MEASURES", "MEMBER", "MERGE", "METHOD", "MIN", "MINUTE", "MOD",
        "MODIFIES", "MODULE", "MONTH", "MULTISET", "NATIONAL", "NCHAR", "NCLOB", "NEW", "NEXT", "NO", "NONE",
        "NORMALIZE", "NTH_VALUE", "NTILE", "NULLIF", "NUMERIC", "OCCURRENCES_REGEX", "OCTET_LENGTH", "OF", "OLD",
        "OMIT", "ONE", "ONLY", "OPEN", "OUT", "OVERLAPS", "OVERLAY", "PARAMETER", "PARTITION", "PATTERN", "PER",
        "PERCENT", "PERCENTILE_CONT", "PERCENTILE_DISC", "PERCENT_RANK", "PERIOD", "PERMUTE", "PLACING", "PORTION",
        "POSITION", "POSITION_REGEX", "POWER", "PRECEDES", "PRECISION", "PREPARE", "PREV", "PRIMARY", "PROCEDURE",
        "RANGE", "RANK", "RAW", "READS", "REAL", "RECURSIVE", "REF", "REFERENCES", "REFERENCING", "REGR_AVGX",
        "REGR_AVGY", "REGR_COUNT", "REGR_INTERCEPT", "REGR_R2", "REGR_SLOPE", "REGR_SXX", "REGR_SXY", "REGR_SYY",
        "RELEASE", "RESET", "RESULT", "RETURN", "RETURNS", "REVOKE", "ROLLBACK", "ROLLUP", "ROW", "ROWS",
        "ROW_NUMBER", "RUNNING", "SAVEPOINT", "SCOPE", "SCROLL", "SEARCH", "SECOND", "SEEK", "SENSITIVE",
        "SESSION_USER", "SET", "SHOW", "SKIP", "SMALLINT", "SOME", "SPECIFIC", "SPECIFICTYPE", "SQL", "SQLEXCEPTION",
        "SQLSTATE", "SQLWARNING", "SQRT", "START", "STATIC", "STDDEV_POP", "STDDEV_SAMP", "STREAM", "STRING",
        "SUBMULTISET", "SUBSET", "SUBSTRING", "SUBSTRING_REGEX", "SUCCEEDS", "SUM", "SYMMETRIC", "SYSTEM",
        "SYSTEM_TIME", "SYSTEM_USER", "TIME", "TIMESTAMP", "TIMESTAMP_LTZ", "TIMEZONE_HOUR", "TIMEZONE_MINUTE",
        "TINYINT", "TO", "TRAILING", "TRANSLATE", "TRANSLATE_REGEX", "TRANSLATION", "TREAT", "TRIGGER", "TRIM",
        "TRIM_ARRAY", "TRUNCATE", "TRY_CAST", "UESCAPE", "UNIQUE", "UNKNOWN", "UPDATE", "UPPER", "UPSERT", "USER",
        "VALUE", "VALUE_OF", "VARBINARY", "VARCHAR", "VARYING", "VAR_POP", "VAR_SAMP", "VERSIONING", "WATERMARK",
        "WHENEVER", "WIDTH_BUCKET", "DATETIME", "WITHIN", "WITHOUT", "YEAR", "KEY", "UNBOUNDED", "EXTENDED", "DESC",
    };

    /// <summary>
    /// Names of functions with a special argument syntax: a plain call of a function with this name must be written
    /// with a quoted name to stay a plain call.
    /// </summary>
    public static readonly HashSet<string> SpecialFunctionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CAST", "TRY_CAST", "EXTRACT", "TRIM", "POSITION", "OVERLAY", "JSON_VALUE", "JSON_QUERY", "JSON_EXISTS",
        "JSON_OBJECT", "JSON_ARRAY", "JSON_OBJECTAGG", "JSON_ARRAYAGG", "ROW", "ARRAY", "MAP", "EXISTS", "DESCRIPTOR",
        "TIMESTAMPADD", "TIMESTAMPDIFF", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME",
        "LOCALTIMESTAMP",
    };

    /// <summary>Niladic functions written without parentheses.</summary>
    public static readonly HashSet<string> NiladicFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
    };

    /// <summary>True when <paramref name="word"/> is reserved.</summary>
    public static bool IsReserved(string word) => Reserved.Contains(word);

    /// <summary>True when a name must be backtick-quoted to read back as the same name.</summary>
    public static bool NeedsQuoting(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return true;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '$'))
            {
                return true;
            }
        }

        return Reserved.Contains(name) || QuotedByFormatter.Contains(name);
    }
}
