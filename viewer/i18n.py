"""Interface strings in English and Russian (English is the key)."""

from __future__ import annotations

RUSSIAN = {
    "Control": "Контроль", "Sites": "Объекты", "government": "правительство",
    "military": "военные", "communications": "связь", "transport": "транспорт",
    "bridge": "мосты", "party": "партия, Совет", "ship": "корабли", "press": "типографии",
    "finance": "финансы", "other": "прочее",
    "&File": "&Файл", "&Open scenario…": "&Открыть сценарий…",
    "Export &HTML…": "Экспорт &HTML…", "Export &snapshot…": "Экспорт &снимка…",
    "Export &video…": "Экспорт &видео…", "Export &GeoPackage…": "Экспорт &GeoPackage…",
    "&Quit": "&Выход", "&View": "&Вид", "&Help": "&Справка", "&Language": "&Язык",
    "English": "English", "Russian": "Русский", "&Keyboard shortcuts": "&Клавиши",
    "&About": "&О программе", "Fit city": "Весь город", "Presentation": "Презентация",
    "Edit cues…": "Редактор сцен…", "Cues": "Сцены", "Save": "Сохранить",
    "Events": "События", "Site": "Объект", "Layers": "Слои", "Search sites…": "Поиск…",
    "Play": "Пуск", "Pause": "Пауза", "Loop": "Повтор", "Previous event": "Предыдущее событие",
    "Next event": "Следующее событие", "Start": "Начало", "End": "Конец",
    "per second": "в секунду", "Basemap": "Подложка", "Kinds of site": "Типы объектов",
    "Routes": "Маршруты", "Labels": "Подписи", "Captions": "Подписи событий",
    "water": "вода", "green": "сады и площади", "districts": "части города",
    "railways": "железные дороги", "streets": "улицы", "bridges": "мосты (линии)",
    "Now": "Сейчас", "History of the site": "История объекта", "Sources": "Источники",
    "Description": "Описание", "No site selected. Click a site on the map.":
        "Объект не выбран. Щёлкните по объекту на карте.",
    "Sources disagree": "Источники расходятся", "from the start": "с начала",
    "Could not open the scenario": "Не удалось открыть сценарий",
    "The scenario has problems; the current one stays loaded.":
        "В сценарии есть ошибки; остаётся открытым текущий.",
}


def tr(text: str, lang: str = "en") -> str:
    return RUSSIAN.get(text, text) if lang == "ru" else text
