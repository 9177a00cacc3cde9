-- kiosk.ui — the widget kit: touch widgets, layout, theme, dialogs.
--
--   local ui = require "kiosk.ui"
--   ui.root(ui.column{ padding = "l", gap = "m",
--     ui.label{ text = "你好", size = "title", bold = true },
--     ui.button{ label = "开始", on_tap = function() ... end },
--   })
--   return ui.app()          -- main.lua: draw/event/update for the current screen
--
-- Theme:    ui.theme (the current table), ui.set_theme(partial), ui.set_large_text(on),
--           ui.set_high_contrast(on); ui.set_brand{ logo, colors } and ui.brand_logo(where)
--           (see brand.lua); ui.attract{ slides, ... } the welcome screen's attract loop (attract.lua)
-- Widgets:  ui.label, ui.fold_label, ui.button, ui.choice_list, ui.text_field, ui.keyboard, ui.progress,
--           ui.countdown, ui.image, ui.card          (see controls.lua, text_field.lua, keyboard.lua)
--           ui.qr{ text, size } a QR code (qr.lua)
--           ui.answer_tiles (the game's tiles: colour + shape, entrance, reveal; tiles.lua)
-- Motion:   ui.tween — eased values on the runtime clock, frames only while moving (tween.lua)
-- Layout:   ui.column, ui.row, ui.spacer, ui.scroll  (see layout.lua); ui.is_portrait()
-- Dialogs:  ui.dialog, ui.show_dialog, ui.close_dialog, ui.confirm, ui.alert (see dialog.lua)
-- Screen:   ui.root(widget) makes it the screen (the old one is detached: its
--           timers stop); ui.app() returns the callbacks that draw it and route
--           input; ui.request_layout() after changing a tree by hand;
--           ui.on_event(fn) sees every event first (idle timers, admin gestures);
--           ui.screen_frame() the kiosk.frame() of the current screen's first draw;
--           ui.reveal(widget) scrolls it into view; ui.banner(text, ms, colour) a
--           short banner over the screen; ui.set_language("zh"|"en") the kit's words
--           (ui.language() reads it).
-- Every tappable thing reports its label with kiosk.element, so replay's
-- `tap LABEL` finds it: buttons by their label, options by "A" or "A. text",
-- keyboard keys by their character ("退格", "空格", "完成", "大写" for the specials).
local core = require "kiosk.ui.core"
local theme = require "kiosk.ui.theme"
local layout = require "kiosk.ui.layout"
local controls = require "kiosk.ui.controls"

local ui = {}
local state = core.state

-- Loaded when first used, not with the kit: most first screens have no text
-- field, keyboard or dialog, and the keyboard brings both input methods
-- (issue 11: the first frame). ui.text_field is then the same function as
-- require("kiosk.ui.text_field").text_field, as before.
local lazy = {
  text_field = { "kiosk.ui.text_field", "text_field" },
  keyboard = { "kiosk.ui.keyboard", "keyboard" },
  keyboard_layouts = { "kiosk.ui.keyboard", "layouts" },
  dialog = { "kiosk.ui.dialog", "dialog" },
  show_dialog = { "kiosk.ui.dialog", "show" },
  close_dialog = { "kiosk.ui.dialog", "close" },
  confirm = { "kiosk.ui.dialog", "confirm" },
  alert = { "kiosk.ui.dialog", "alert" },
}
setmetatable(ui, { __index = function(t, k)
  local where = lazy[k]
  if not where then return nil end
  local v = require(where[1])[where[2]]
  rawset(t, k, v)
  return v
end })

ui.theme = state.theme

function ui.set_theme(partial)
  theme.merge(state.theme, partial)
  core.request_layout()
end

function ui.set_large_text(on)
  state.theme.font_scale = on and 1.3 or 1
  core.request_layout()
end

-- The candidate's language ("zh"/"en") for the kit's own words: keyboard
-- labels and layouts, the clock's warnings. The flow sets it.
function ui.set_language(lang)
  if state.lang ~= lang then
    state.lang = lang
    core.request_layout()
  end
end

function ui.language() return state.lang end

ui.banner = core.banner

-- The app's brand: a logo from its folder and colours checked for contrast
-- (kiosk.ui.brand). Returns the messages for the trainer (also logged).
function ui.set_brand(spec)
  -- (Under high contrast the brand goes into the colours it comes back to.)
  local target = state.saved_colors and { colors = state.saved_colors } or state.theme
  local messages = require("kiosk.ui.brand").apply(target, spec)
  core.request_layout()
  return messages
end

function ui.brand_logo(where) return require("kiosk.ui.brand").logo(where) end

function ui.set_high_contrast(on)
  if on then
    state.saved_colors = state.saved_colors or theme.merge({}, state.theme.colors)
    theme.merge(state.theme.colors, theme.high_contrast_colors)
  elseif state.saved_colors then
    theme.merge(state.theme.colors, state.saved_colors)
    state.saved_colors = nil
  end
  core.request_layout()
end

ui.label = controls.label
ui.fold_label = controls.fold_label
ui.button = controls.button
ui.choice_list = controls.choice_list
ui.progress = controls.progress
ui.countdown = controls.countdown
ui.image = controls.image
ui.qr = function(props) return require("kiosk.ui.qr").qr(props) end
ui.answer_tiles = function(props) return require("kiosk.ui.tiles").answer_tiles(props) end
ui.tween = require "kiosk.ui.tween"
ui.attract = function(props) return require("kiosk.ui.attract").new(props) end
ui.column = layout.column
ui.row = layout.row
ui.spacer = layout.spacer
ui.card = layout.card
ui.scroll = layout.scroll
ui.request_layout = core.request_layout
ui.focus = core.focus
ui.class = core.class          -- for apps that write their own widgets
ui.new = core.new
ui.Widget = core.Widget
ui.Pressable = controls.Pressable

function ui.is_portrait()
  local w, h = gfx.size()
  return h > w
end

-- ---- the screen ----

local listeners = {}

function ui.on_event(fn) listeners[#listeners + 1] = fn end

function ui.root(widget)
  if state.root then state.root:detach() end
  core.focus(nil)
  state.capture, state.interceptors = nil, {}
  state.root = widget
  state.root_frame = nil
  if widget then widget:attach() end
  core.request_layout()
  kiosk.redraw(true) -- a new screen: its presentation time is what answer timing starts from
end

function ui.current() return state.root end

-- Scrolls whatever scroll holds widget so that it is in view (at the next layout).
function ui.reveal(widget)
  state.reveal = widget
  core.request_layout()
end

function ui.screen_frame() return state.root_frame end

local function do_layout()
  local w, h = gfx.size()
  if state.root then state.root:layout(0, 0, w, h) end
  if state.dialog then state.dialog:layout(0, 0, w, h) end
  state.needs_layout = false
end

-- Calls update(dt) on widgets that animate (the scroll's glide).
local function update_tree(w, dt)
  if w.update then w:update(dt) end
  for _, c in ipairs(w.children or {}) do update_tree(c, dt) end
end

local last_pointer = { x = 0, y = 0 }

local function dispatch(e)
  for _, fn in ipairs(listeners) do
    if fn(e) then return end
  end
  if e.type == "resize" then
    core.request_layout()
    return
  end
  if e.type == "move" or e.type == "press" or e.type == "release" then
    last_pointer.x, last_pointer.y = e.x, e.y
  end
  if e.type == "wheel" then
    e.wx, e.wy = e.x, e.y
    e.x, e.y = last_pointer.x, last_pointer.y
  end
  local top = state.dialog or state.root
  if not top then return end
  if e.type == "press" then
    -- (A focused field stays focused when the tap lands elsewhere, such as
    -- on the on-screen keyboard; tapping another field moves the focus.)
    state.capture, state.interceptors = nil, {}
    top:event(e)
    return
  end
  if (e.type == "move" or e.type == "release") and state.capture then
    -- A container (scroll) may take over a drag that started on a child.
    for _, w in ipairs(state.interceptors) do
      if w ~= state.capture and w:intercept(e) then
        state.capture:event { type = "cancel", x = e.x, y = e.y, t = e.t }
        state.capture, state.interceptors = w, {}
        break
      end
    end
    local target = state.capture
    if e.type == "release" then state.capture, state.interceptors = nil, {} end
    target:event(e)
    return
  end
  if (e.type == "key" or e.type == "text" or e.type == "edit") and state.focus then
    if state.focus:event(e) then return end
  end
  top:event(e)
end

function ui.app(extra)
  extra = extra or {}
  return {
    draw = function()
      if state.needs_layout then do_layout() end
      gfx.clear(core.color("bg"))
      if not state.root_frame then state.root_frame = kiosk.frame() end
      if extra.draw_under then extra.draw_under() end
      if state.dialog then
        -- Under a modal dialog nothing is tappable: its elements are not reported.
        local report = kiosk.element
        kiosk.element = function() end
        if state.root then state.root:draw() end
        kiosk.element = report
        state.dialog:draw()
      elseif state.root then
        state.root:draw()
      end
      if state.banner then
        -- A pill at the top centre, over everything, never taking a tap.
        local w = gfx.size()
        local t = state.theme
        local size = core.font("body")
        local tw, th = gfx.measure(state.banner.text, { size = size, bold = true })
        local bw, bh = math.min(w - 2 * t.space.m, tw + 2 * t.space.l), th + 2 * t.space.s
        local bx = (w - bw) / 2
        gfx.rect(bx, t.space.s, bw, bh, core.color(state.banner.colour), bh / 2)
        gfx.text(state.banner.text, bx, t.space.s + t.space.s, { size = size, bold = true, width = bw,
                 align = "center", colour = core.color("on_primary") })
      end
      if extra.draw_over then extra.draw_over() end
    end,
    event = function(e)
      if extra.event and extra.event(e) then return end
      dispatch(e)
    end,
    update = function(dt)
      if state.root then update_tree(state.root, dt) end
      if extra.update then extra.update(dt) end
    end,
  }
end

return ui
