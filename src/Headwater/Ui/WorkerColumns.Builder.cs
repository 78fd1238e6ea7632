using System.Text;
using System.Text.Json;

namespace Headwater.Ui;

public sealed partial class WorkerColumns
{
    /// <summary>Encodes workers' fields one at a time. Names and values are looked up by their characters, so a value
    /// already seen costs no new string.</summary>
    private sealed class Builder
    {
        private readonly int _expected;
        private readonly List<string> _ids;
        private readonly List<string> _names;
        private readonly List<string> _states;
        private readonly Dictionary<string, string> _stateNames = new(StringComparer.Ordinal);
        private readonly Dictionary<int, string> _issues = [];
        private readonly Dictionary<string, ColumnBuilder> _columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ColumnBuilder>.AlternateLookup<ReadOnlySpan<char>> _byName;
        private byte[] _utf8 = [];
        private char[] _chars = new char[256];

        public Builder(int expected)
        {
            _expected = expected;
            _ids = new(expected);
            _names = new(expected);
            _states = new(expected);
            _byName = _columns.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public void Add(string id, string name, string state, string fields, string issues)
        {
            var row = _ids.Count;
            _ids.Add(id);
            _names.Add(name);
            // A handful of states: each kept once, not once per worker.
            _states.Add(_stateNames.TryGetValue(state, out var known) ? known : _stateNames[state] = state);
            if (issues != "[]")
            {
                _issues[row] = issues;
            }
            var length = Encoding.UTF8.GetMaxByteCount(fields.Length);
            if (_utf8.Length < length)
            {
                _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
            }
            var reader = new Utf8JsonReader(_utf8.AsSpan(0, Encoding.UTF8.GetBytes(fields, _utf8)));
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }
                var key = Text(ref reader);
                if (!_byName.TryGetValue(key, out var column))
                {
                    column = new ColumnBuilder(Math.Max(_expected, row + 1));
                    _columns[key.ToString()] = column;
                }
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    column.Set(row, Text(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        public WorkerColumns Build(WorkerColumnsVersion version) => new(version, [.. _ids], [.. _names], [.. _states],
            _columns.ToDictionary(c => c.Key, c => c.Value.Build(_ids.Count), StringComparer.Ordinal), _issues);

        private ReadOnlySpan<char> Text(ref Utf8JsonReader reader)
        {
            var most = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (_chars.Length < most)
            {
                _chars = new char[Math.Max(most, _chars.Length * 2)];
            }
            return _chars.AsSpan(0, reader.CopyString(_chars));
        }
    }

    private sealed class ColumnBuilder(int expected)
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _codes =
            new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly List<string?> _values = [null];
        private int[] _rows = new int[expected];

        public void Set(int row, ReadOnlySpan<char> value)
        {
            if (!_codes.TryGetValue(value, out var code))
            {
                code = _values.Count;
                var text = value.ToString();
                _values.Add(text);
                _codes.Dictionary[text] = code;
            }
            if (row >= _rows.Length)
            {
                Array.Resize(ref _rows, Math.Max(row + 1, _rows.Length * 2));
            }
            _rows[row] = code;
        }

        /// <summary>The column for <paramref name="count"/> workers, its codes as narrow as its distinct values allow.</summary>
        public Column Build(int count)
        {
            var rows = _rows.AsSpan(0, Math.Min(count, _rows.Length));
            Array codes = _values.Count <= byte.MaxValue + 1 ? new byte[count]
                : _values.Count <= ushort.MaxValue + 1 ? new ushort[count]
                : new int[count];
            for (var i = 0; i < rows.Length; i++)
            {
                switch (codes)
                {
                    case byte[] small: small[i] = (byte)rows[i]; break;
                    case ushort[] medium: medium[i] = (ushort)rows[i]; break;
                    default: ((int[])codes)[i] = rows[i]; break;
                }
            }
            return new Column([.. _values], codes);
        }
    }
}
