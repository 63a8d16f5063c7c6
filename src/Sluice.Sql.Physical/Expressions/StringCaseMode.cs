namespace Sluice.Sql.Physical.Expressions;

/// <summary>What a <see cref="StringCaseKernel"/> does to letters.</summary>
internal enum StringCaseMode
{
    Upper,
    Lower,

    /// <summary>The first letter or digit of each run of letters and digits upper-case, the rest lower-case.</summary>
    InitCap,
}
