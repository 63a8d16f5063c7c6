namespace Sluice.Sql.Ast;

/// <summary>The <c>LANGUAGE</c> of a <see cref="CreateFunctionStatement"/>.</summary>
public enum FunctionLanguage
{
    /// <summary>Not written (C# in Sluice; Java in Flink).</summary>
    Default,

    /// <summary><c>JAVA</c>.</summary>
    Java,

    /// <summary><c>SCALA</c>.</summary>
    Scala,

    /// <summary><c>PYTHON</c>.</summary>
    Python,

    /// <summary><c>CSHARP</c>: a .NET class (the only language Sluice runs).</summary>
    CSharp,
}
