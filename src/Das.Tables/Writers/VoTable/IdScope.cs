using System.Text;

namespace Das.Tables.Writers.VoTable;

/// <summary>
/// XML IDs of one scope (the document, a RESOURCE or a TABLE). Remote documents carry IDs that are not valid
/// NCNames ("2MASS J", "ra-dec:1"), or collide once many sources share one document (every source has FIELD
/// ID="ra"), so every ID is rewritten to a valid, document-unique NCName and every <c>ref</c> is resolved to the
/// rewritten ID of the nearest enclosing scope that declares it; a <c>ref</c> that resolves nowhere is dropped,
/// because a dangling IDREF makes the document invalid.
/// </summary>
internal sealed class IdScope
{
    private readonly IdScope? _parent;
    private readonly HashSet<string> _used;
    private readonly Dictionary<string, string> _byOriginal = new(StringComparer.Ordinal);
    private readonly Dictionary<object, string> _byElement = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _emitted = new(ReferenceEqualityComparer.Instance);

    private IdScope(IdScope? parent, HashSet<string> used)
    {
        _parent = parent;
        _used = used;
    }

    /// <summary>A document's outermost scope.</summary>
    public static IdScope CreateRoot() => new(null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>A scope nested in this one (a RESOURCE or TABLE).</summary>
    public IdScope CreateChild() => new(this, _used);

    /// <summary>Declares the ID of an element of this scope (no-op for a null or blank ID).</summary>
    public void Declare(object element, string? originalId)
    {
        if (string.IsNullOrWhiteSpace(originalId) || _byElement.ContainsKey(element))
        {
            return;
        }
        string id = Unique(Sanitize(originalId));
        _byElement[element] = id;
        _byOriginal.TryAdd(originalId, id);
    }

    /// <summary>Declares an ID that Das invents (e.g. a resource named after its source).</summary>
    public string DeclareNew(object element, string suggestion)
    {
        Declare(element, suggestion);
        return _byElement[element];
    }

    /// <summary>The rewritten ID to write on <paramref name="element"/>, or null (not declared, or already written once).</summary>
    public string? IdOf(object element) =>
        _byElement.TryGetValue(element, out var id) && _emitted.Add(element) ? id : null;

    /// <summary>The rewritten ID a <c>ref</c> points at, or null when it points nowhere.</summary>
    public string? Resolve(string? originalRef)
    {
        if (string.IsNullOrWhiteSpace(originalRef))
        {
            return null;
        }
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._byOriginal.TryGetValue(originalRef, out var id))
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>The text as an ASCII NCName: letters, digits, '_', '-', '.'; starting with a letter or '_'.</summary>
    internal static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length + 1);
        foreach (char c in text.Trim())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }
        if (sb.Length == 0 || !(char.IsAsciiLetter(sb[0]) || sb[0] == '_'))
        {
            sb.Insert(0, '_');
        }
        return sb.ToString();
    }

    private string Unique(string id)
    {
        if (_used.Add(id))
        {
            return id;
        }
        for (int n = 2; ; n++)
        {
            string candidate = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}_{n}");
            if (_used.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
