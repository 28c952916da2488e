using MagentoCloud.Engine;
using MagentoCloud.Engine.Configuration;

namespace MagentoCloud.Engine.Tests.Configuration;

public sealed class PhpArrayFileTests
{
    // As Magento's deployment config writer lays it out: no comma after the last element, lists
    // (the groups keyed 0..n-1, locale lists) without keys, an empty array with a blank line.
    internal const string MagentoConfigPhp = """
        <?php
        return [
            'modules' => [
                'Magento_Store' => 1,
                'Magento_Directory' => 1,
                'Magento_Theme' => 1,
                'Magento_Paypal' => 0
            ],
            'scopes' => [
                'websites' => [
                    'admin' => [
                        'website_id' => '0',
                        'code' => 'admin',
                        'name' => 'Admin',
                        'sort_order' => '0',
                        'default_group_id' => '0',
                        'is_default' => '0'
                    ],
                    'base' => [
                        'website_id' => '1',
                        'code' => 'base',
                        'name' => 'Main Website',
                        'sort_order' => '0',
                        'default_group_id' => '1',
                        'is_default' => '1'
                    ]
                ],
                'groups' => [
                    [
                        'group_id' => '0',
                        'website_id' => '0',
                        'name' => 'Default',
                        'root_category_id' => '0',
                        'default_store_id' => '0',
                        'code' => 'default'
                    ],
                    [
                        'group_id' => '1',
                        'website_id' => '1',
                        'name' => 'Main Website Store',
                        'root_category_id' => '2',
                        'default_store_id' => '1',
                        'code' => 'main_website_store'
                    ]
                ],
                'stores' => [
                    'admin' => [
                        'store_id' => '0',
                        'code' => 'admin',
                        'website_id' => '0',
                        'group_id' => '0',
                        'name' => 'Admin',
                        'sort_order' => '0',
                        'is_active' => '1'
                    ],
                    'default' => [
                        'store_id' => '1',
                        'code' => 'default',
                        'website_id' => '1',
                        'group_id' => '1',
                        'name' => 'Default Store View',
                        'sort_order' => '0',
                        'is_active' => '1'
                    ]
                ]
            ],
            'system' => [
                'default' => [
                    'general' => [
                        'locale' => [
                            'code' => 'en_US'
                        ]
                    ],
                    'dev' => [
                        'static' => [
                            'sign' => '1'
                        ],
                        'js' => [
                            'merge_files' => '1',
                            'minify_exclude' => [
                                'tiny_mce' => '/tiny_mce/'
                            ]
                        ]
                    ],
                    'design' => [
                        'footer' => [
                            'copyright' => 'Copyright © 2024 O\'Brien & Sons \\ Co.'
                        ]
                    ]
                ],
                'stores' => [
                    'default' => [
                        'general' => [
                            'locale' => [
                                'code' => 'fr_FR'
                            ]
                        ]
                    ]
                ]
            ],
            'themes' => [
                'frontend/Magento/blank' => [
                    'parent_id' => null,
                    'theme_path' => 'Magento/blank',
                    'theme_title' => 'Magento Blank',
                    'is_featured' => '0',
                    'area' => 'frontend',
                    'type' => '0',
                    'code' => 'Magento/blank'
                ]
            ],
            'i18n' => [

            ],
            'admin_user' => [
                'locale' => [
                    'code' => [
                        'en_US',
                        'fr_FR'
                    ]
                ]
            ]
        ];

        """;

    internal const string MagentoEnvPhp = """
        <?php
        return [
            'backend' => [
                'frontName' => 'admin_x1y2'
            ],
            'crypt' => [
                'key' => 'f0e1d2c3b4a5968778695a4b3c2d1e0f'
            ],
            'db' => [
                'table_prefix' => '',
                'connection' => [
                    'default' => [
                        'host' => 'database.internal',
                        'dbname' => 'main',
                        'username' => 'user',
                        'password' => '',
                        'model' => 'mysql4',
                        'engine' => 'innodb',
                        'initStatements' => 'SET NAMES utf8;',
                        'active' => '1',
                        'driver_options' => [
                            1014 => false
                        ]
                    ]
                ]
            ],
            'resource' => [
                'default_setup' => [
                    'connection' => 'default'
                ]
            ],
            'x-frame-options' => 'SAMEORIGIN',
            'MAGE_MODE' => 'production',
            'session' => [
                'save' => 'redis',
                'redis' => [
                    'host' => 'redis.internal',
                    'port' => 6379,
                    'timeout' => 2.5,
                    'disable_locking' => 1,
                    'min_lifetime' => 60,
                    'max_lifetime' => 2592000
                ]
            ],
            'cache_types' => [
                'config' => 1,
                'layout' => 1
            ],
            'lock' => [
                'provider' => 'db',
                'config' => [
                    'prefix' => null
                ]
            ],
            'install' => [
                'date' => 'Tue, 14 May 2024 10:12:31 +0000'
            ]
        ];

        """;

    [Theory]
    [InlineData(MagentoConfigPhp)]
    [InlineData(MagentoEnvPhp)]
    public void File_written_by_Magento_reads_and_writes_back_byte_identical(string text)
    {
        var file = PhpArrayReader.Read(text, "app/etc/config.php");

        Assert.Equal(text, PhpArrayWriter.Write(file.Root, file.Layout));
    }

    [Fact]
    public void Magento_layout_is_the_default_for_a_new_file()
    {
        var file = PhpArrayReader.Read(MagentoConfigPhp, "config.php");

        Assert.Equal(MagentoConfigPhp, PhpArrayWriter.Write(file.Root));
    }

    [Fact]
    public void File_with_trailing_commas_and_explicit_list_keys_keeps_that_layout()
    {
        var text = "<?php\nreturn [\n    'scopes' => [\n        'groups' => [\n            0 => [\n                'code' => 'default',\n            ],\n            1 => [\n                'code' => 'main',\n            ],\n        ],\n        'empty' => [],\n    ],\n];\n";
        var file = PhpArrayReader.Read(text, "config.php");

        Assert.True(file.Layout.TrailingComma);
        Assert.True(file.Layout.ListKeys);
        Assert.Equal(text, PhpArrayWriter.Write(file.Root, file.Layout));
    }

    [Fact]
    public void Values_keys_escapes_and_long_syntax_read_as_PHP_reads_them()
    {
        var text = """
            <?php
            /** header */
            // a line comment
            # another
            return array(
                'single' => 'it\'s a \\ back\slash',
                "double" => "tab\there \"q\" \$x \x41\101\u{e9}",
                '7' => 'integer key from a string',
                '07' => 'string key',
                'int' => -42,
                'hex' => 0x1F,
                'float' => 1.5,
                'exp' => 2e3,
                'yes' => TRUE, 'no' => false, 'nothing' => NULL, /* inline */
                'list' => ['a', 'b', 5 => 'c', 'd'],
            );
            """;
        var root = PhpArrayReader.Read(text, "env.php").Root;

        Assert.Equal("it's a \\ back\\slash", root["single"]);
        Assert.Equal("tab\there \"q\" $x AAé", root["double"]);
        Assert.Equal("integer key from a string", root[7L]);
        Assert.Equal("string key", root["07"]);
        Assert.Equal(-42L, root["int"]);
        Assert.Equal(31L, root["hex"]);
        Assert.Equal(1.5, root["float"]);
        Assert.Equal(2000.0, root["exp"]);
        Assert.Equal(true, root["yes"]);
        Assert.Equal(false, root["no"]);
        Assert.True(root.ContainsKey("nothing"));
        Assert.Null(root["nothing"]);
        var list = Assert.IsType<PhpArray>(root["list"]);
        Assert.Equal(new object[] { 0L, 1L, 5L, 6L }, list.Keys.ToArray());
    }

    [Fact]
    public void Writer_escapes_quotes_and_backslashes_and_writes_floats_and_null_as_PHP_does()
    {
        var root = new PhpArray();
        root["s"] = "a'b\\c";
        root["f"] = 2.0;
        root["g"] = 0.1;
        root["n"] = null;
        root["b"] = false;
        root[3] = 7L;

        Assert.Equal("<?php\nreturn [\n    's' => 'a\\'b\\\\c',\n    'f' => 2.0,\n    'g' => 0.1,\n    'n' => null,\n    'b' => false,\n    3 => 7\n];\n",
            PhpArrayWriter.Write(root));
    }

    [Theory]
    [InlineData("<?php\nreturn [\n    'a' => getenv('X'),\n];\n", 3, 12, "function call 'getenv(...)'")]
    [InlineData("<?php\nreturn [\n    'a' => PHP_EOL,\n];\n", 3, 12, "constant 'PHP_EOL'")]
    [InlineData("<?php\nreturn [\n    'a' => 'x' . PHP_EOL,\n];\n", 3, 16, "concatenation")]
    [InlineData("<?php\nreturn [\n    'a' => 'x' . \"y\" . 1,\n];\n", 3, 22, "concatenation")]
    [InlineData("<?php\nreturn [\n    'a' => \"$x\",\n];\n", 3, 13, "interpolation")]
    [InlineData("<?php\nreturn [\n    'a' => Foo::BAR,\n];\n", 3, 12, "class constant")]
    [InlineData("<?php\nreturn [\n    'a' => 'b'\n    'c' => 'd',\n];\n", 4, 5, "expected ','")]
    [InlineData("<?php\nreturn [\n    'a' => [\n", 3, 12, "not closed")]
    public void Unsupported_PHP_is_an_error_naming_file_line_and_column(string text, int line, int column, string what)
    {
        var e = Assert.Throws<CloudException>(() => PhpArrayReader.Read(text, "app/etc/config.php"));

        Assert.Equal(CloudErrorId.ConfigInvalid, e.Id);
        Assert.Contains($"app/etc/config.php, line {line}, column {column}", e.Message);
        Assert.Contains(what, e.Message);
    }

    // ---- Strings are bytes, as in PHP ---------------------------------------------------------

    [Theory]
    [InlineData("\"Caf\\xc3\\xa9\"")]
    [InlineData("\"Caf\\303\\251\"")]
    [InlineData("\"Caf\\u{e9}\"")]
    [InlineData("'Café'")]
    public void Escaped_bytes_are_bytes_so_UTF8_escapes_spell_the_character(string literal)
    {
        var root = PhpArrayReader.Read($"<?php\nreturn ['name' => {literal}];\n", "config.php").Root;

        Assert.Equal("Café", root["name"]);
    }

    private static readonly byte[] Latin1EnvPhp =
    [
        .. "<?php\n// Gespeichert in ISO-8859-1: "u8, 0xC4, 0xD6, 0xDC, .. "\nreturn [\n    'db' => [\n        'password' => 'Caf"u8, 0xE9, .. "-"u8, 0xFC,
        .. "ber',\n        'escaped' => \"Caf\\xE9\",\n        'port' => 0x0CEA,\n        'active' => TRUE,\n    ],\n];\n"u8,
    ];

    [Fact]
    public void File_saved_as_ISO_8859_1_reads_its_bytes_and_writes_them_back_byte_for_byte()
    {
        var file = PhpArrayReader.Read(Latin1EnvPhp, "app/etc/env.php");

        var password = Assert.IsType<string>(file.Root.GetPath("db/password"));
        Assert.DoesNotContain('\uFFFD', password);
        Assert.Equal([.. "Caf"u8, 0xE9, .. "-"u8, 0xFC, .. "ber"u8], PhpText.Encode(password));
        Assert.Equal(password[..4], file.Root.GetPath("db/escaped"));
        Assert.Equal(0xCEAL, file.Root.GetPath("db/port"));
        Assert.Equal(Latin1EnvPhp, PhpText.Encode(PhpArrayWriter.Write(file.Root, file.Layout)));
    }

    [Fact]
    public void File_with_a_byte_order_mark_keeps_it()
    {
        byte[] text = [0xEF, 0xBB, 0xBF, .. "<?php\nreturn [\n    'a' => 'b'\n];\n"u8];
        var file = PhpArrayReader.Read(text, "env.php");

        Assert.Equal("b", file.Root["a"]);
        Assert.Equal(text, PhpText.Encode(PhpArrayWriter.Write(file.Root, file.Layout)));
    }

    [Fact]
    public void Rewriting_a_file_keeps_the_spelling_of_values_left_unchanged_and_writes_changed_ones_as_Magento_does()
    {
        var file = PhpArrayReader.Read(Latin1EnvPhp, "app/etc/env.php");
        var db = (PhpArray)file.Root["db"]!;
        db["escaped"] = "Caf\uDCE9"; // the same bytes: still spelled "Caf\xE9"
        db["port"] = 3307L;
        db.Set("user", "Zoë");

        var written = PhpText.Encode(PhpArrayWriter.Write(file.Root, file.Layout));

        var text = System.Text.Encoding.Latin1.GetString(written);
        Assert.Contains("'escaped' => \"Caf\\xE9\",", text);
        Assert.Contains("'active' => TRUE,", text);
        Assert.Contains("'port' => 3307,", text);
        Assert.Contains("'user' => 'Zo\u00C3\u00AB',", text); // UTF-8 bytes of ë
        Assert.Contains("'password' => 'Caf\u00E9-\u00FCber',", text);
    }

    [PhpFact]
    public void Reader_agrees_with_PHP_on_every_kind_of_string_and_number()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mc-php-").FullName, "env.php");
        byte[] source =
        [
            .. """
               <?php
               return [
                   'utf8' => 'Café ✓ 😀',
                   'hex' => "Caf\xc3\xa9",
                   'octal' => "Caf\303\251 \101\0",
                   'unicode' => "\u{e9}\u{1F600}",
                   'short_hex' => "\xA-\x4",
                   'not_escapes' => "\q \x \u \\ \$ \{",
                   'single' => 'it\'s \\ \n \x41',
                   "double_key\x41" => "tab\there\r\n\v\f\e",
                   'overflow' => "\400",
                   'nested' => ['list', 5 => "five", 'neg' => -0x1F, 'oct' => 0o17, 'old_oct' => 017, 'bin' => 0b101, 'float' => 1.50, 'exp' => -2E3, 'under' => 1_000],
                   'consts' => [TRUE, False, NULL],
               """u8,
            .. "    'latin1' => '"u8, 0xC4, 0xE9, 0xFF, .. "',\n"u8,
            .. "    \"mixed\" => \"\\xE9"u8, 0xE9, .. "\\xc3\\xa9\",\n"u8,
            .. "];\n"u8,
        ];
        File.WriteAllBytes(path, source);

        var file = PhpArrayReader.ReadFile(path);
        Assert.Equal(Php.Leaves(path), Leaves(file.Root));

        // And what the writer makes of it PHP reads as the same values, in Magento's layout or the file's own.
        File.WriteAllBytes(path, PhpText.Encode(PhpArrayWriter.Write(file.Root)));
        Assert.Equal(Leaves(file.Root), Php.Leaves(path));
        File.WriteAllBytes(path, PhpText.Encode(PhpArrayWriter.Write(file.Root, file.Layout)));
        Assert.Equal(Leaves(file.Root), Php.Leaves(path));
    }

    [PhpFact]
    public void Files_written_by_PHPs_var_export_read_as_PHP_reads_them()
    {
        var folder = Directory.CreateTempSubdirectory("mc-php-").FullName;
        var path = Path.Combine(folder, "config.php");
        // PHP itself writes the file: var_export's own layout (array (, trailing commas), and its
        // spelling of a string holding NUL bytes: 'a' . "\0" . 'b'.
        const string script = """
            $a = [
                'nul' => "a\0b\0",
                'latin1' => "Caf\xE9 \xFCber",
                'utf8' => 'Café ✓',
                'split' => "\xC3" . "\0" . "\xA9",
                'quotes' => "it's \\ \"x\" \$y\n\r\t",
                'numbers' => [1, -2, 1.5, -0.25, 1e100, 0.1, PHP_INT_MAX, -7 => 'negative key'],
                'consts' => [true, false, null],
                'nested' => ['empty' => [], 'deep' => ['deeper' => ['x' => '1']]],
            ];
            file_put_contents($argv[1], "<?php\nreturn " . var_export($a, true) . ";\n");
            """;
        using (var php = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Php.Executable!) { ArgumentList = { "-n", "-r", script, path } })!)
        {
            php.WaitForExit();
            Assert.Equal(0, php.ExitCode);
        }
        Assert.Contains(". \"\\0\" .", File.ReadAllText(path)); // the spelling this test is about

        var file = PhpArrayReader.ReadFile(path);

        Assert.Equal(Php.Leaves(path), Leaves(file.Root));
        Assert.Equal("a\0b\0", file.Root["nul"]);
        // Written back in the file's layout, every value keeps its spelling: PHP reads the same.
        File.WriteAllBytes(path, PhpText.Encode(PhpArrayWriter.Write(file.Root, file.Layout)));
        Assert.Equal(Leaves(file.Root), Php.Leaves(path));
    }

    /// <summary>A PhpArray's scalars in the form <see cref="Php.Leaves"/> gives PHP's.</summary>
    internal static Dictionary<string, string> Leaves(PhpArray root)
    {
        var leaves = new Dictionary<string, string>();
        void Walk(PhpArray array, string prefix)
        {
            foreach (var (key, value) in array)
            {
                var path = prefix.Length == 0 ? key.ToString()! : prefix + "/" + key;
                path = System.Text.Encoding.UTF8.GetString(PhpText.Encode(path));
                if (value is PhpArray nested) Walk(nested, path);
                else leaves[path] = value switch
                {
                    string s => "s:" + Convert.ToHexString(PhpText.Encode(s)).ToLowerInvariant(),
                    null => "NULL",
                    _ => PhpArrayWriter.Literal(value),
                };
            }
        }
        Walk(root, "");
        return leaves;
    }
}
