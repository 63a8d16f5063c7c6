using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Sluice.Core.Errors;
using Sluice.Server.Contracts;
using Sluice.Server.Storage;

namespace Sluice.Server.Security;

/// <summary>
/// Secret values: encrypted at rest with AES-GCM (a 256-bit key from <see cref="SluiceServerOptions.SecretKey"/> or a
/// key file <c>secret.key</c> in the data directory, created with mode 0600), substituted for <c>${secret:name}</c>
/// in a script only when its job starts, and redacted from every text the server shows or logs
/// (<see cref="Redact"/>).
/// </summary>
/// <remarks><b>Threading.</b> Thread-safe; decrypted values are cached for redaction and replaced on every change.</remarks>
internal sealed partial class SecretStore
{
    /// <summary>The text that replaces a secret value.</summary>
    public const string Mask = "******";

    private readonly MetadataStore _store;
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private volatile Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Creates the store with a 32-byte key.</summary>
    public SecretStore(MetadataStore store, byte[] key, TimeProvider time)
    {
        if (key.Length != 32)
        {
            throw new SluiceException("The secret key must be 32 bytes (256 bits).", ErrorDomain.User);
        }

        _store = store;
        _key = key;
        _time = time;
        Reload();
    }

    /// <summary>Reads the key: base64 from <paramref name="configured"/> when given, else the key file in <paramref name="dataDirectory"/> (created when missing).</summary>
    public static byte[] LoadKey(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                return Convert.FromBase64String(configured.Trim());
            }
            catch (FormatException)
            {
                throw new SluiceException("The secret key is not base64 (expected 32 bytes, e.g. from 'openssl rand -base64 32').", ErrorDomain.User);
            }
        }

        var path = Path.Combine(dataDirectory, "secret.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }

    /// <summary>True for a valid secret name: letters, digits, '-', '_', '.'.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>The secrets' names.</summary>
    public IReadOnlyList<SecretResponse> List() => [.. _store.ListSecrets().Select(s => new SecretResponse(s.Name, s.UpdatedAt))];

    /// <summary>Sets a secret's value.</summary>
    public SecretResponse Set(string name, string value)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(value);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(_key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(name));
        }

        var record = new SecretRecord(name, nonce, cipher, tag, _time.GetUtcNow());
        _store.UpsertSecret(record);
        Reload();
        return new SecretResponse(name, record.UpdatedAt);
    }

    /// <summary>Deletes a secret; false when it does not exist.</summary>
    public bool Delete(string name)
    {
        var deleted = _store.DeleteSecret(name);
        // Keep redacting a deleted value: it may still be in a running job's messages.
        return deleted;
    }

    /// <summary>
    /// Replaces every <c>${secret:name}</c> in <paramref name="sql"/> with the secret's value, with single quotes
    /// doubled (the placeholder stands inside a string literal).
    /// </summary>
    /// <exception cref="SluiceException">A referenced secret does not exist.</exception>
    public string Resolve(string sql)
    {
        var values = _values;
        return PlaceholderPattern().Replace(sql, match =>
        {
            var name = match.Groups[1].Value;
            return values.TryGetValue(name, out var value)
                ? value.Replace("'", "''", StringComparison.Ordinal)
                : throw new SluiceException($"The script references the secret '{name}', which does not exist (create it with PUT /api/v1/secrets/{name}).",
                    ErrorDomain.User);
        });
    }

    /// <summary>The names of the secrets <paramref name="sql"/> references.</summary>
    public static IReadOnlyList<string> References(string sql) => [.. PlaceholderPattern().Matches(sql).Select(m => m.Groups[1].Value).Distinct()];

    /// <summary>Replaces every secret value (as is, and with doubled quotes) in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        foreach (var value in _values.Values.OrderByDescending(v => v.Length))
        {
            if (value.Length == 0)
            {
                continue;
            }

            text = text.Replace(value, Mask, StringComparison.Ordinal);
            var quoted = value.Replace("'", "''", StringComparison.Ordinal);
            if (quoted.Length != value.Length)
            {
                text = text.Replace(quoted, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary><see cref="Redact(string)"/> for a nullable text.</summary>
    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    private void Reload()
    {
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        foreach (var secret in _store.ListSecrets())
        {
            var plain = new byte[secret.Ciphertext.Length];
            using var aes = new AesGcm(_key, secret.Tag.Length);
            try
            {
                aes.Decrypt(secret.Nonce, secret.Ciphertext, secret.Tag, plain, Encoding.UTF8.GetBytes(secret.Name));
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new SluiceException($"The secret '{secret.Name}' cannot be decrypted: the secret key is not the one it was stored with.",
                    ErrorDomain.User, innerException: ex);
            }

            values[secret.Name] = Encoding.UTF8.GetString(plain);
        }

        _values = values;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\$\{secret:([A-Za-z0-9][A-Za-z0-9._-]{0,127})\}")]
    private static partial Regex PlaceholderPattern();
}
