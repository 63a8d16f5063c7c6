namespace Sluice.Runtime.Tests.Windowing;

/// <summary>The result of a keyed window count: the key, the window and the number of elements.</summary>
internal readonly record struct WindowCount(long Key, long Start, long End, long Count);
