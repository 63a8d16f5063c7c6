using System.Security.Cryptography;
using System.Text;
using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>
/// The first 16 hex digits of SHA-256 of a salted string. Its parameter is nullable, so NULL reaches Eval (and hashes
/// to <c>'null'</c>); the salt is the job parameter <c>hash.salt</c>.
/// </summary>
public sealed class Hash : ScalarFunction
{
    private string _salt = string.Empty;

    /// <summary>How often <see cref="UserDefinedFunction.Open"/> was called in this process.</summary>
    public static int OpenCount;

    /// <summary>How often <see cref="UserDefinedFunction.Close"/> was called in this process.</summary>
    public static int CloseCount;

    /// <inheritdoc />
    public override void Open(FunctionContext context)
    {
        _salt = context.GetJobParameter("hash.salt", string.Empty)!;
        Interlocked.Increment(ref OpenCount);
    }

    /// <inheritdoc />
    public override void Close() => Interlocked.Increment(ref CloseCount);

    /// <summary>The hash, or <c>'null'</c> for NULL.</summary>
    public string Eval(string? value) =>
        value is null ? "null" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_salt + value)))[..16].ToLowerInvariant();
}
