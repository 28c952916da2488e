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
    [InlineData("<?php\nreturn [\n    'a' => 'x' . 'y',\n];\n", 3, 16, "concatenation")]
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
}
