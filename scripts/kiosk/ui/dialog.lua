-- kiosk.ui.dialog — modal dialogs: the screen dims, the dialog takes every
-- touch until it closes.
--
--   local d = ui.dialog{ title=, text=, buttons = { { label=, style=, on_tap=fn }, ... }, body = widget }
--   ui.show_dialog(d)   ui.close_dialog()
--   ui.confirm{ title=, text=, yes="确定", no="取消", on_yes=fn, on_no=fn }
--   ui.alert{ title=, text=, ok="知道了", on_ok=fn }
-- Buttons close the dialog before their on_tap runs (unless keep_open = true).
local core = require "kiosk.ui.core"
local layout = require "kiosk.ui.layout"
local controls = require "kiosk.ui.controls"

local M = {}
local Dialog = core.class("dialog")

function Dialog:init()
  local t = core.theme()
  local items = {}
  if self.title then items[#items + 1] = controls.label { text = self.title, size = "heading", bold = true } end
  if self.text then items[#items + 1] = controls.label { text = self.text, color = "muted" } end
  if self.body then items[#items + 1] = self.body end
  local row = { gap = "m" }
  for _, b in ipairs(self.buttons or {}) do
    row[#row + 1] = controls.button {
      label = b.label, style = b.style or "primary", flex = 1,
      on_tap = function()
        if not b.keep_open then M.close() end
        if b.on_tap then b.on_tap() end
      end,
    }
  end
  if #row > 0 then items[#items + 1] = layout.row(row) end
  items.gap = "l"
  items.padding = "l"
  self.card = layout.card(items)
  self.children = { self.card }
  self.width_max = self.width_max or 720
  self.t = t
end

function Dialog:layout(x, y, w, h)
  core.Widget.layout(self, x, y, w, h)
  local cw = math.min(w - 48, self.width_max)
  local _, ch = self.card:measure(cw)
  self.card:layout(x + (w - cw) / 2, y + math.max(24, (h - ch) / 2), cw, ch)
end

function Dialog:draw()
  gfx.rect(self.x, self.y, self.w, self.h, core.color("dim"))
  self.card:draw()
end

function Dialog:event(e)
  self.card:event(e)
  return true -- modal: nothing behind it gets the event
end

function M.dialog(props) return core.new(Dialog, props or {}) end

function M.show(d)
  local s = core.state
  if s.dialog then s.dialog:detach() end
  s.dialog = d
  d:attach()
  core.request_layout()
end

function M.close()
  local s = core.state
  if s.dialog then s.dialog:detach() end
  s.dialog = nil
  core.request_layout()
end

function M.confirm(o)
  M.show(M.dialog {
    title = o.title, text = o.text,
    buttons = {
      { label = o.no or "取消", style = "secondary", on_tap = o.on_no },
      { label = o.yes or "确定", style = o.danger and "danger" or "primary", on_tap = o.on_yes },
    },
  })
end

function M.alert(o)
  M.show(M.dialog { title = o.title, text = o.text, buttons = { { label = o.ok or "知道了", on_tap = o.on_ok } } })
end

return M
