namespace Sluice.Sql.Physical.Expressions;

/// <summary>What a <see cref="RegexKernel"/> computes.</summary>
internal enum RegexFunction
{
    /// <summary><c>REGEXP(s, regex)</c>: TRUE when some part of s matches.</summary>
    Find,

    /// <summary><c>REGEXP_EXTRACT(s, regex [, group])</c>: the group of the first match.</summary>
    Extract,

    /// <summary><c>REGEXP_EXTRACT_ALL(s, regex [, group])</c>: the group of every match, as an array.</summary>
    ExtractAll,

    /// <summary><c>REGEXP_REPLACE(s, regex, replacement)</c>: every match replaced by the literal replacement.</summary>
    Replace,

    /// <summary><c>s SIMILAR TO pattern [ESCAPE e]</c>: the translated pattern matches the whole string.</summary>
    Similar,

    /// <summary><c>REGEXP_COUNT(s, regex)</c>: the number of (non-overlapping) matches.</summary>
    Count,

    /// <summary><c>REGEXP_INSTR(s, regex)</c>: the 1-based character position of the first match, 0 for none.</summary>
    Instr,

    /// <summary><c>REGEXP_SUBSTR(s, regex)</c>: the first match, null for none.</summary>
    Substr,
}
