namespace Sluice.Server.Storage;

/// <summary>A stored secret: AES-GCM ciphertext with its nonce and tag.</summary>
/// <param name="Name">The name.</param>
/// <param name="Nonce">The 12-byte nonce.</param>
/// <param name="Ciphertext">The encrypted UTF-8 value.</param>
/// <param name="Tag">The 16-byte authentication tag.</param>
/// <param name="UpdatedAt">When the value was set.</param>
internal sealed record SecretRecord(string Name, byte[] Nonce, byte[] Ciphertext, byte[] Tag, DateTimeOffset UpdatedAt);
