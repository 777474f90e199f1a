"""The settings screen (issue 13, Stop asking for ids: a settings screen): every setting by section,
edited with the keyboard, written back into the config file with its comments kept, used by the
running app; what cannot be used is said inside the dialog and changes nothing."""

from __future__ import annotations

import stat
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.workers import workers_done
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Input, OptionList, Static

from gramtui.settings.config import Config, load_config
from gramtui.settings.setting_rows import sections
from gramtui.ui.app import stylesheet
from gramtui.ui.screens.ebay_credentials import EbayCredentialsScreen
from gramtui.ui.screens.setting_value import SettingValueScreen
from gramtui.ui.screens.settings import SettingsPlace, SettingsScreen

pytestmark = pytest.mark.anyio
SIZE = (160, 48)
WRITTEN = """\
# my gramtui settings
[automation]
moves = false   # not yet: I check the dry run first

[sync]
full_every_days = 7
"""


class SettingsApp(App[None]):
    CSS_PATH = stylesheet()

    def __init__(self, config: Config, place: SettingsPlace) -> None:
        super().__init__()
        self.config = config
        self.place = place

    def compose(self) -> ComposeResult:
        yield Footer()

    def on_mount(self) -> None:
        self.push_screen(SettingsScreen(self.config, self.place))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    return path


def _app(config_file: Path) -> SettingsApp:
    config = load_config(config_file)
    credentials = config_file.parent / "ebay-credentials"
    place = SettingsPlace(config_file, credentials, credentials.exists)
    return SettingsApp(config, place)


async def _to(pilot: Pilot[None], section: str, key: str) -> None:
    screen = pilot.app.screen
    names = [name for name, _ in sections()]
    screen.query_one("#settings-sections", OptionList).highlighted = names.index(section)
    await pilot.pause()
    table = screen.query_one("#settings-keys", DataTable)
    keys = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    table.focus()
    table.move_cursor(row=keys.index(key))
    await pilot.pause()


async def _saved(pilot: Pilot[None]) -> None:
    await workers_done(pilot.app)
    for screen in pilot.app.screen_stack:
        await workers_done(screen)
    await pilot.pause()


def _value_of(pilot: Pilot[None], key: str) -> str:
    table = pilot.app.screen.query_one("#settings-keys", DataTable)
    for i in range(table.row_count):
        row = table.get_row_at(i)
        if str(row[0]) == key:
            return str(row[1])
    raise AssertionError(key)


async def test_space_turns_an_automation_on_and_keeps_the_comments(config_file: Path) -> None:
    app = _app(config_file)
    async with app.run_test(size=SIZE) as pilot:
        await _to(pilot, "automation", "moves")
        help_text = str(pilot.app.screen.query_one("#settings-help", Static).render())
        assert "folders by themselves" in help_text  # what it will do, before it is turned on
        await pilot.press("space")
        await _saved(pilot)
        assert app.config.automation.moves is True  # the running app uses it now
        assert _value_of(pilot, "moves") == "on"
    text = config_file.read_text(encoding="utf-8")
    assert "moves = true" in text
    assert "# my gramtui settings" in text and "# not yet: I check the dry run first" in text
    assert load_config(config_file).automation.moves is True


async def test_a_value_out_of_range_is_refused_inside_the_dialog(config_file: Path) -> None:
    app = _app(config_file)
    async with app.run_test(size=SIZE) as pilot:
        await _to(pilot, "sync", "full_every_days")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, SettingValueScreen)
        field = pilot.app.screen.query_one("#setting-value", Input)
        assert field.value == "7"
        field.value = "0"
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, SettingValueScreen)  # still open, typing kept
        message = str(pilot.app.screen.query_one("#setting-message", Static).render())
        assert "from 1 to 3,650 days" in message
        assert field.value == "0"
        field.value = "14"
        await pilot.press("enter")
        await _saved(pilot)
        assert isinstance(pilot.app.screen, SettingsScreen)
        assert app.config.sync.full_every_days == 14
    assert load_config(config_file).sync.full_every_days == 14
    assert "full_every_days = 14" in config_file.read_text(encoding="utf-8")


async def test_money_is_written_as_text_and_read_as_decimal(config_file: Path) -> None:
    app = _app(config_file)
    async with app.run_test(size=SIZE) as pilot:
        await _to(pilot, "sales", "floor")
        await pilot.press("enter")
        field = pilot.app.screen.query_one("#setting-value", Input)
        field.value = "two euros"
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, SettingValueScreen)
        field.value = "2.50"
        await pilot.press("enter")
        await _saved(pilot)
        assert app.config.sales.floor == Decimal("2.50")
    assert 'floor = "2.50"' in config_file.read_text(encoding="utf-8")


async def test_a_secret_is_never_shown(config_file: Path) -> None:
    app = _app(config_file)
    token = "123456:ABCsecretBotToken"
    async with app.run_test(size=SIZE) as pilot:
        await _to(pilot, "telegram", "bot_token")
        assert _value_of(pilot, "bot_token") == "not set"
        await pilot.press("enter")
        field = pilot.app.screen.query_one("#setting-value", Input)
        assert field.password
        field.value = token
        await pilot.press("enter")
        await _saved(pilot)
        assert _value_of(pilot, "bot_token") == "set (hidden)"
        assert token not in pilot.app.export_screenshot()
    assert load_config(config_file).telegram.bot_token == token


async def test_ebay_keys_go_to_their_own_private_file(config_file: Path) -> None:
    app = _app(config_file)
    where = config_file.parent / "ebay-credentials"
    async with app.run_test(size=SIZE) as pilot:
        await _to(pilot, "ebay", "credentials")
        assert _value_of(pilot, "credentials").startswith("not set")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, EbayCredentialsScreen)
        pilot.app.screen.query_one("#ebay-id", Input).value = "MyApp-PRD-1234"
        await pilot.press("enter", *"s3cr3t", "enter")
        await _saved(pilot)
        assert isinstance(pilot.app.screen, SettingsScreen)
        assert _value_of(pilot, "credentials") == "set"
    assert where.read_text(encoding="utf-8") == "MyApp-PRD-1234\ns3cr3t\n"
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert "s3cr3t" not in config_file.read_text(encoding="utf-8")


async def test_a_broken_file_is_left_alone_and_said_so(config_file: Path) -> None:
    app = _app(config_file)
    async with app.run_test(size=SIZE) as pilot:
        config_file.write_text("[sync\nfull_every_days = 7\n", encoding="utf-8")  # edited meanwhile
        await _to(pilot, "automation", "wants")
        await pilot.press("space")
        await _saved(pilot)
        assert app.config.automation.wants is False  # nothing applied
        said = [n.message for n in pilot.app._notifications]
        assert any("not valid TOML" in m and "fix it by hand" in m for m in said), said
    assert config_file.read_text(encoding="utf-8") == "[sync\nfull_every_days = 7\n"


def _fixed_config(size: tuple[int, int]) -> Path:
    """The screen shows the config file's path: a snapshot needs the same one every run."""
    path = Path(tempfile.gettempdir()) / "gramtui-settings-snapshot" / f"{size[0]}x{size[1]}.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(WRITTEN, encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
def test_settings_screen_snapshot(snap_compare, size: tuple[int, int]) -> None:
    async def to_automation(pilot: Pilot[None]) -> None:
        await _to(pilot, "automation", "wants")

    app = _app(_fixed_config(size))
    assert snap_compare(app, terminal_size=size, run_before=to_automation)


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
def test_setting_value_dialog_snapshot(snap_compare, size: tuple[int, int]) -> None:
    async def refused(pilot: Pilot[None]) -> None:
        await _to(pilot, "sync", "full_every_days")
        await pilot.press("enter")
        pilot.app.screen.query_one("#setting-value", Input).value = "0"
        await pilot.press("enter")
        pilot.app.screen.query_one("#setting-value", Input).cursor_blink = False

    assert snap_compare(_app(_fixed_config(size)), terminal_size=size, run_before=refused)
